//! Form values as browsers send them.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An HTML checkbox as a server-function argument, declared `#[server(default)] x: Checkbox`:
/// an unticked box is left out of the form (so it defaults to not ticked), and a ticked one
/// sends its `value` attribute, which is `on` when the page gives none.
///
/// Reads `on`, `true`, `1` and `yes` as ticked and `off`, `false`, `0`, `no` and the empty
/// text as not ticked (any case, around spaces), and JSON booleans as they are. Anything else
/// fails to decode, which the server answers as a bad request (400), never as a guess.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checkbox(pub bool);

impl Checkbox {
    /// Whether the box was ticked.
    pub fn ticked(self) -> bool {
        self.0
    }

    /// Reads a form value; `None` for a text that is not one of the accepted spellings.
    pub fn parse(text: &str) -> Option<Checkbox> {
        match text.trim().to_ascii_lowercase().as_str() {
            "on" | "true" | "1" | "yes" => Some(Checkbox(true)),
            "off" | "false" | "0" | "no" | "" => Some(Checkbox(false)),
            _ => None,
        }
    }
}

impl Serialize for Checkbox {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(self.0)
    }
}

impl<'de> Deserialize<'de> for Checkbox {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Checkbox, D::Error> {
        struct CheckboxVisitor;
        impl Visitor<'_> for CheckboxVisitor {
            type Value = Checkbox;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a checkbox value (on, true, 1, yes, off, false, 0, no or nothing)")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Checkbox, E> {
                Ok(Checkbox(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Checkbox, E> {
                Checkbox::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Checkbox, E> {
                Ok(Checkbox(false))
            }
            fn visit_none<E: de::Error>(self) -> Result<Checkbox, E> {
                Ok(Checkbox(false))
            }
        }
        deserializer.deserialize_any(CheckboxVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Form {
        #[serde(default)]
        box_: Checkbox,
    }

    fn read(query: &str) -> Option<bool> {
        serde_qs::from_str::<Form>(query).ok().map(|f| f.box_.ticked())
    }

    #[test]
    fn html_and_script_spellings_read_as_ticked_or_not() {
        for on in [
            "box_=on",
            "box_=true",
            "box_=1",
            "box_=yes",
            "box_=ON",
            "box_=%20true%20",
        ] {
            assert_eq!(read(on), Some(true), "{on}");
        }
        for off in [
            "",
            "box_=",
            "box_=off",
            "box_=false",
            "box_=0",
            "box_=no",
            "box_=False",
        ] {
            assert_eq!(read(off), Some(false), "{off}");
        }
    }

    #[test]
    fn other_values_are_refused_not_guessed() {
        for bad in ["box_=maybe", "box_=2", "box_=tru"] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[test]
    fn json_booleans_read_as_they_are() {
        let t: Checkbox = serde_json::from_str("true").unwrap_or_default();
        let f: Checkbox = serde_json::from_str("false").unwrap_or(Checkbox(true));
        assert_eq!((t, f), (Checkbox(true), Checkbox(false)));
        assert_eq!(
            serde_json::to_string(&Checkbox(true)).ok().as_deref(),
            Some("true")
        );
    }
}
