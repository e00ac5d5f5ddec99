use super::*;

fn ok(raw: &str) -> String {
    match parse_tax_id("tax_id", raw) {
        Ok(id) => id.as_str().to_owned(),
        Err(problem) => panic!("{raw:?} refused: {}", problem.message),
    }
}

fn refused(raw: &str) -> FieldError {
    parse_tax_id("tax_id", raw).expect_err(raw)
}

#[test]
fn every_rules_example_passes_its_own_check() {
    for rule in rules_for_tests() {
        assert_eq!(ok(rule.example), rule.example, "{}", rule.country);
    }
}

fn rules_for_tests() -> impl Iterator<Item = &'static Rule> {
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE",
        "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI", "GB", "CH",
        "NO",
    ]
    .into_iter()
    .map(|prefix| rule_for(rule_example(prefix)).expect(prefix))
}

fn rule_example(prefix: &str) -> &'static str {
    rules::RULES
        .iter()
        .find(|rule| rule.prefix == prefix)
        .map(|rule| rule.example)
        .expect(prefix)
}

#[test]
fn published_valid_numbers_pass_in_any_spelling() {
    // Numbers from the tax authorities' and VIES's documentation.
    assert_eq!(ok("de 136 695 976"), "DE136695976");
    assert_eq!(ok("ATU 1358-5627"), "ATU13585627");
    assert_eq!(ok("BE 0403.019.261"), "BE0403019261");
    assert_eq!(ok("Fr 40 303 265 045"), "FR40303265045");
    assert_eq!(ok("NL 0044.95.445.B01"), "NL004495445B01");
    assert_eq!(ok("CHE-100.155.212 MWST"), "CHE100155212");
    assert_eq!(ok("NO 995 525 828 MVA"), "NO995525828");
    assert_eq!(ok("IT 00743110157"), "IT00743110157");
    assert_eq!(ok("SE 1234567897-01"), "SE123456789701");
}

#[test]
fn a_mistyped_digit_fails_the_check_and_says_so() {
    for wrong in [
        "DE136695977",
        "ATU13585628",
        "BE0403019262",
        "DK13585629",
        "EL094259217",
        "FI20774741",
        "FR41303265045",
        "HR33392005962",
        "IT00743110158",
        "LU15027443",
        "NL004495446B01",
        "PL8567346216",
        "PT501964844",
        "SE123456789801",
        "SI50223055",
        "SK2022749618",
        "CHE100155213",
        "NO995525829",
    ] {
        let problem = refused(wrong);
        assert_eq!(problem.code, FieldErrorCode::InvalidChoice, "{wrong}");
        assert!(
            problem.message.contains("check digits do not match"),
            "{wrong}: {}",
            problem.message
        );
    }
}

#[test]
fn a_wrong_shape_names_the_countrys_format_with_an_example() {
    let problem = refused("DE12345678");
    assert_eq!(
        problem.message,
        "A German VAT number is DE followed by 9 digits, like DE136695976."
    );
    let problem = refused("ATU1234");
    assert!(
        problem
            .message
            .starts_with("An Austrian VAT number is AT followed by U")
    );
    assert!(
        refused("NL004495445X01")
            .message
            .contains("9 digits, B and 2 digits")
    );
}

#[test]
fn greek_numbers_written_with_gr_are_pointed_to_el() {
    assert_eq!(
        refused("GR094259216").message,
        "Greek VAT numbers start with EL, not GR: enter EL094259216."
    );
}

#[test]
fn other_tax_ids_get_a_length_and_character_check_and_keep_their_spelling() {
    assert_eq!(ok(" 12-3456789 "), "12-3456789");
    assert_eq!(ok("ABN 51  824 753 556"), "ABN 51 824 753 556");
    assert_eq!(ok("US EIN 12-3456789"), "US EIN 12-3456789");
    assert_eq!(refused("   ").code, FieldErrorCode::Required);
    assert_eq!(refused("12#45").code, FieldErrorCode::InvalidCharacters);
    assert_eq!(refused("ACME").code, FieldErrorCode::InvalidChoice);
    assert_eq!(refused("1-2").code, FieldErrorCode::TooShort);
    assert_eq!(refused(&"1".repeat(41)).code, FieldErrorCode::TooLong);
}

#[test]
fn a_country_prefix_without_digits_is_not_taken_for_a_vat_number() {
    // "DEPT 42" starts with DE but is not a German VAT number.
    assert!(rule_for("DEPT42").is_none());
    assert_eq!(ok("DEPT 42"), "DEPT 42");
}
