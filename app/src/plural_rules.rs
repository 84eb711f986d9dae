//! The CLDR plural rules the translations use to pick a form by count (`note_free_one` "1
//! libre", `note_free_other` "2 libres"). leptos_i18n asks a data provider for them; this one
//! answers from the rules compiled into `icu_plurals`, so no data is generated at build time.

use icu_locale::Locale;
use icu_plurals::{PluralRuleType, PluralRules, PluralRulesOptions};
use icu_provider::DataError;
use leptos_i18n::custom_provider::{IcuDataProvider, set_icu_data_provider};

/// The provider: plural rules only (the app formats no numbers, dates or lists through
/// leptos_i18n).
struct CompiledPluralRules;

impl IcuDataProvider for CompiledPluralRules {
    fn try_new_plural_rules(
        &self,
        locale: &Locale,
        rule_type: PluralRuleType,
    ) -> Result<PluralRules, DataError> {
        PluralRules::try_new(locale.into(), PluralRulesOptions::default().with_type(rule_type))
    }
}

/// Installs the plural rules for every translation lookup of the process (or of the page in the
/// browser). Call once at start-up, before anything is rendered; calling again is harmless.
pub fn install() {
    set_icu_data_provider(CompiledPluralRules);
}
