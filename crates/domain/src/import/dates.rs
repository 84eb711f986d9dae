//! Start dates and their day/month order.
//!
//! `2019-03-04` is unambiguous. `04/03/2019` (or `04-03-2019`) is 4 March in Spain and 3 April in
//! the US, so the order is decided for the whole column: a value whose first number is above 12
//! (`17/03/2019`) proves day-first, one whose second number is (`03/17/2019`) proves month-first.
//! One kind of proof decides; none, or both kinds, leave the order to HR
//! ([`super::ImportOptions::date_order`]). See [`DateReport`].

use serde::{Deserialize, Serialize};

use crate::program::Date;

/// Which number comes first in `A/B/YYYY` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `DD/MM/YYYY`, as in Spain and most of Europe.
    DayFirst,
    /// `MM/DD/YYYY`, as in the US.
    MonthFirst,
}

/// Where the order of a date column comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrderSource {
    /// The values prove it (only one kind of evidence); or, with `order: None`, they do not
    /// (no evidence, or both kinds) and HR must choose.
    Detected,
    /// HR chose it ([`super::ImportOptions::date_order`]).
    Chosen,
    /// No value needs an order (every `A/B/YYYY` value has the same day and month, or exists in
    /// neither order), so nothing is to decide.
    NotNeeded,
}

/// How the day/month order of the date column was decided. Present only when the column has
/// `A/B/YYYY` or `A-B-YYYY` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateReport {
    /// The order used; `None` while undecided (the ambiguous dates are not read yet, and the
    /// import waits for HR's choice), or when not needed.
    pub order: Option<DateOrder>,
    /// Where it comes from.
    pub source: DateOrderSource,
    /// Values that exist only day-first (`17/03/2019`).
    pub day_first_evidence: i64,
    /// Values that exist only month-first (`03/17/2019`).
    pub month_first_evidence: i64,
}

impl DateReport {
    /// Whether the dates can be read: an order is set, or none is needed.
    pub fn is_decided(&self) -> bool {
        self.order.is_some() || self.source == DateOrderSource::NotNeeded
    }
}

/// What one date cell can be, before the column's order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateCell {
    /// Not a date in any accepted form, or a day that exists in neither order.
    Invalid,
    /// `YYYY-MM-DD`, or `A/B/YYYY` with the same meaning in both orders.
    Certain(Date),
    /// `A/B/YYYY`: the date day-first and month-first (one of them at least exists).
    DayMonth {
        /// Read as `DD/MM/YYYY`.
        day_first: Option<Date>,
        /// Read as `MM/DD/YYYY`.
        month_first: Option<Date>,
    },
}

/// Reads `YYYY-MM-DD`, `A/B/YYYY` or `A-B-YYYY` (day and month may have one digit). Two-digit
/// years are refused as ambiguous.
pub(super) fn classify(text: &str) -> DateCell {
    let sep = if text.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return DateCell::Invalid;
    };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if sep == '-' && digits(a, 4, 4) && digits(b, 1, 2) && digits(c, 1, 2) {
        return Date::parse(&format!("{a}-{b}-{c}")).map_or(DateCell::Invalid, DateCell::Certain);
    }
    if !(digits(a, 1, 2) && digits(b, 1, 2) && digits(c, 4, 4)) {
        return DateCell::Invalid;
    }
    let day_first = Date::parse(&format!("{c}-{b}-{a}"));
    let month_first = Date::parse(&format!("{c}-{a}-{b}"));
    match (day_first, month_first) {
        (None, None) => DateCell::Invalid,
        (Some(d), Some(m)) if d == m => DateCell::Certain(d),
        _ => DateCell::DayMonth {
            day_first,
            month_first,
        },
    }
}

/// What a date cell means under the column's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateValue {
    /// The date.
    Date(Date),
    /// Not a valid date (under this order).
    Invalid,
    /// Ambiguous and the order is undecided: not read yet, and not an error.
    Undecided,
}

/// Reads a date cell under `order` (`None`: undecided).
pub(super) fn parse_date(text: &str, order: Option<DateOrder>) -> DateValue {
    match classify(text) {
        DateCell::Invalid => DateValue::Invalid,
        DateCell::Certain(d) => DateValue::Date(d),
        DateCell::DayMonth {
            day_first,
            month_first,
        } => {
            let picked = match order {
                Some(DateOrder::DayFirst) => day_first,
                Some(DateOrder::MonthFirst) => month_first,
                // Without an order, a value that exists one way only is read that way: it is
                // evidence, and the conflicting values are what HR is asked about.
                None => match (day_first, month_first) {
                    (Some(d), None) | (None, Some(d)) => Some(d),
                    _ => return DateValue::Undecided,
                },
            };
            picked.map_or(DateValue::Invalid, DateValue::Date)
        }
    }
}

/// Decides the order of a column from its non-blank cells and HR's choice; `None` when the column
/// has no `A/B/YYYY` values.
pub(super) fn detect_order<'a>(
    cells: impl Iterator<Item = &'a str>,
    chosen: Option<DateOrder>,
) -> Option<DateReport> {
    let mut seen = false;
    let mut ambiguous = false;
    let (mut day_first_evidence, mut month_first_evidence) = (0i64, 0i64);
    for cell in cells {
        let sep = if cell.contains('/') { '/' } else { '-' };
        let looks_day_month = cell.split(sep).next().is_some_and(|a| (1..=2).contains(&a.len()));
        match classify(cell) {
            DateCell::DayMonth {
                day_first,
                month_first,
            } => {
                seen = true;
                match (day_first, month_first) {
                    (Some(_), None) => day_first_evidence += 1,
                    (None, Some(_)) => month_first_evidence += 1,
                    _ => ambiguous = true,
                }
            }
            DateCell::Certain(_) | DateCell::Invalid if looks_day_month => seen = true,
            _ => {}
        }
    }
    if !seen {
        return None;
    }
    let (order, source) = match (chosen, day_first_evidence > 0, month_first_evidence > 0) {
        (Some(o), _, _) => (Some(o), DateOrderSource::Chosen),
        (None, true, false) => (Some(DateOrder::DayFirst), DateOrderSource::Detected),
        (None, false, true) => (Some(DateOrder::MonthFirst), DateOrderSource::Detected),
        (None, false, false) if !ambiguous => (None, DateOrderSource::NotNeeded),
        (None, _, _) => (None, DateOrderSource::Detected),
    };
    Some(DateReport {
        order,
        source,
        day_first_evidence,
        month_first_evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> DateValue {
        DateValue::Date(Date {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn dates_day_first() {
        let day = Some(DateOrder::DayFirst);
        assert_eq!(parse_date("2019-03-05", day), date(2019, 3, 5));
        assert_eq!(parse_date("05/03/2019", day), date(2019, 3, 5));
        assert_eq!(parse_date("05-03-2019", day), date(2019, 3, 5));
        assert_eq!(parse_date("5/3/2019", day), date(2019, 3, 5));
        assert_eq!(parse_date("29/02/2024", day), date(2024, 2, 29));
        assert_eq!(parse_date("03/17/2019", day), DateValue::Invalid, "no month 17");
        for bad in [
            "29/02/2023",
            "31/04/2020",
            "2019/03/05",
            "03/05/19",
            "5.3.2019",
            "2019-3",
            "",
            "hoy",
            "13/13/2020",
            "1/1/1800",
            "+1/+1/2020",
            "2019-03-05-01",
            "١٢/٠٣/٢٠١٩",
        ] {
            for order in [None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)] {
                assert_eq!(parse_date(bad, order), DateValue::Invalid, "{bad} {order:?}");
            }
        }
    }

    #[test]
    fn dates_month_first_and_undecided() {
        let month = Some(DateOrder::MonthFirst);
        assert_eq!(parse_date("03/17/2019", month), date(2019, 3, 17));
        assert_eq!(parse_date("03/04/2019", month), date(2019, 3, 4));
        assert_eq!(parse_date("17/03/2019", month), DateValue::Invalid);
        assert_eq!(parse_date("2019-03-04", month), date(2019, 3, 4));
        // Undecided: ambiguous values wait, the others are read.
        assert_eq!(parse_date("03/04/2019", None), DateValue::Undecided);
        assert_eq!(parse_date("03/17/2019", None), date(2019, 3, 17));
        assert_eq!(parse_date("17/03/2019", None), date(2019, 3, 17));
        assert_eq!(parse_date("04/04/2019", None), date(2019, 4, 4), "same both ways");
        // 31/02 does not exist either way: an error whatever the order.
        assert_eq!(parse_date("31/02/2020", None), DateValue::Invalid);
    }

    fn detect(cells: &[&str], chosen: Option<DateOrder>) -> Option<DateReport> {
        detect_order(cells.iter().copied(), chosen)
    }

    #[test]
    fn order_detection() {
        assert_eq!(detect(&["2019-03-04", "2020-01-01"], None), None, "ISO only");
        assert_eq!(detect(&[], Some(DateOrder::DayFirst)), None);
        let r = detect(&["17/03/2019", "03/04/2019", "2019-01-01"], None).unwrap();
        assert_eq!(
            r,
            DateReport {
                order: Some(DateOrder::DayFirst),
                source: DateOrderSource::Detected,
                day_first_evidence: 1,
                month_first_evidence: 0
            }
        );
        let r = detect(&["03/17/2019", "03/04/2019", "12/25/2020"], None).unwrap();
        assert_eq!(
            (r.order, r.source, r.month_first_evidence),
            (Some(DateOrder::MonthFirst), DateOrderSource::Detected, 2)
        );
        // Only ambiguous values: undecided.
        let r = detect(&["03/04/2019", "05-06-2020"], None).unwrap();
        assert_eq!((r.order, r.source), (None, DateOrderSource::Detected));
        assert!(!r.is_decided());
        // Conflicting evidence: undecided.
        let r = detect(&["17/03/2019", "03/17/2019"], None).unwrap();
        assert_eq!(
            (r.order, r.day_first_evidence, r.month_first_evidence),
            (None, 1, 1)
        );
        assert!(!r.is_decided());
        // HR's choice wins over the evidence.
        let r = detect(&["17/03/2019", "03/17/2019"], Some(DateOrder::MonthFirst)).unwrap();
        assert_eq!(
            (r.order, r.source),
            (Some(DateOrder::MonthFirst), DateOrderSource::Chosen)
        );
        assert!(r.is_decided());
        // Nothing to decide: the same day and month, or impossible dates.
        let r = detect(&["04/04/2019", "31/02/2020"], None).unwrap();
        assert_eq!((r.order, r.source), (None, DateOrderSource::NotNeeded));
        assert!(r.is_decided());
    }
}
