//! Supply and demand of topics: which topics lack mentors.
//!
//! Before pairing, HR wants to see where the program is short: a topic many mentees want to learn
//! but few mentors can teach will leave mentees with weak pairs. [`supply_demand`] counts both
//! sides per topic and sorts the shortages first, so HR can recruit mentors or adjust the
//! catalogue.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::profile::Person;

/// Demand and supply of one topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicBalance {
    /// The topic key.
    pub topic: String,
    /// Mentees who want to learn it.
    pub wanted_by: i32,
    /// Mentors who can teach it.
    pub taught_by: i32,
    /// Mentors per interested mentee (`taught_by / wanted_by`); below 1 means a shortage.
    /// `None` when no mentee wants the topic.
    pub ratio: Option<f64>,
}

/// Per topic (every key a mentee wants or a mentor teaches), how many mentees want it and how
/// many mentors can teach it, each person counted once per topic.
///
/// Sorted by ratio, lowest first (the worst shortages: wanted but taught by nobody come first),
/// topics nobody wants last; ties by more mentees wanting it, then by topic key.
pub fn supply_demand(mentors: &[Person], mentees: &[Person]) -> Vec<TopicBalance> {
    let mut counts: BTreeMap<&str, (i32, i32)> = BTreeMap::new();
    for p in mentees {
        for t in distinct(&p.wants_to_learn) {
            counts.entry(t).or_default().0 += 1;
        }
    }
    for p in mentors {
        for t in distinct(&p.can_teach) {
            counts.entry(t).or_default().1 += 1;
        }
    }
    let mut rows: Vec<(&str, i32, i32)> = counts.into_iter().map(|(t, (w, s))| (t, w, s)).collect();
    // Exact comparison of taught/wanted by cross-multiplying; no demand sorts last.
    let shortage = |a: &(&str, i32, i32), b: &(&str, i32, i32)| -> Ordering {
        match (a.1 > 0, b.1 > 0) {
            (true, true) => (i64::from(a.2) * i64::from(b.1)).cmp(&(i64::from(b.2) * i64::from(a.1))),
            (demand_a, demand_b) => demand_b.cmp(&demand_a),
        }
    };
    rows.sort_by(|a, b| shortage(a, b).then(b.1.cmp(&a.1)).then(a.0.cmp(b.0)));
    rows.into_iter()
        .map(|(topic, wanted_by, taught_by)| TopicBalance {
            topic: topic.to_owned(),
            wanted_by,
            taught_by,
            ratio: (wanted_by > 0).then(|| f64::from(taught_by) / f64::from(wanted_by)),
        })
        .collect()
}

/// The entries of `list` without repeats, in order.
fn distinct(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter()
        .enumerate()
        .filter(|&(k, t)| !list[..k].contains(t))
        .map(|(_, t)| t.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, teach: &[&str], learn: &[&str]) -> Person {
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Person {
            can_teach: list(teach),
            wants_to_learn: list(learn),
            ..Person::new(id)
        }
    }

    #[test]
    fn shortages_come_first() {
        let mentors = [
            person("r1", &["ai_tools", "social_media", "ai_tools"], &[]),
            person("r2", &["ai_tools", "dei"], &[]),
        ];
        let mentees = [
            person("e1", &[], &["ai_tools", "data_literacy", "social_media"]),
            person("e2", &[], &["data_literacy", "social_media"]),
            person("e3", &[], &["ai_tools", "ai_tools"]),
            person("e4", &[], &["social_media"]),
        ];
        let report = supply_demand(&mentors, &mentees);
        let got: Vec<(&str, i32, i32)> = report
            .iter()
            .map(|t| (t.topic.as_str(), t.wanted_by, t.taught_by))
            .collect();
        assert_eq!(
            got,
            [
                ("data_literacy", 2, 0), // ratio 0
                ("social_media", 3, 1),  // 0.33
                ("ai_tools", 2, 2),      // 1.0
                ("dei", 0, 1),           // nobody wants it
            ]
        );
        let r = supply_demand(&mentors, &mentees);
        assert_eq!(r[1].ratio, Some(1.0 / 3.0));
        assert_eq!(r[3].ratio, None);
        assert!(supply_demand(&[], &[]).is_empty());
    }

    #[test]
    fn ties_prefer_bigger_demand_then_name() {
        let mentors = [person("r", &["a", "b", "c"], &[])];
        let mentees = [
            person("e1", &[], &["c", "b"]),
            person("e2", &[], &["c", "b", "a"]),
            person("e3", &[], &["a"]),
        ];
        let order: Vec<String> = supply_demand(&mentors, &mentees)
            .into_iter()
            .map(|t| t.topic)
            .collect();
        assert_eq!(order, ["a", "b", "c"]);
        let mentees = [person("e1", &[], &["c", "b"]), person("e2", &[], &["c"])];
        let order: Vec<String> = supply_demand(&mentors, &mentees)
            .into_iter()
            .map(|t| t.topic)
            .collect();
        assert_eq!(order, ["c", "b", "a"]);
    }
}
