use proptest::prelude::*;

use super::*;

fn emails(list: &InvitationList) -> Vec<(usize, &str)> {
    list.invitees
        .iter()
        .map(|invitee| (invitee.line, invitee.email.as_str()))
        .collect()
}

fn rejects(list: &InvitationList) -> Vec<(usize, Rejection)> {
    list.rejected
        .iter()
        .map(|rejected| (rejected.line, rejected.reason.clone()))
        .collect()
}

fn parse(text: &str) -> InvitationList {
    parse_invitation_list(text).expect("within the limit")
}

#[test]
fn a_typed_list_one_per_line_with_blank_lines_and_spaces() {
    let list = parse("ann@example.com\n\n  ben@example.org  \n\n");
    assert_eq!(
        emails(&list),
        [(1, "ann@example.com"), (3, "ben@example.org")]
    );
    assert!(list.rejected.is_empty(), "blank lines are not rejects");
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_change_nothing() {
    let list = parse("\u{feff}ann@example.com\r\nben@example.org\r\n");
    assert_eq!(
        emails(&list),
        [(1, "ann@example.com"), (2, "ben@example.org")]
    );
}

#[test]
fn bad_lines_and_duplicates_are_listed_with_line_numbers_and_the_rest_kept() {
    let list = parse("ann@example.com\nnot an address\nANN@Example.com\nben@example.org\n");
    assert_eq!(
        emails(&list),
        [(1, "ann@example.com"), (4, "ben@example.org")]
    );
    assert_eq!(
        rejects(&list),
        [
            (2, Rejection::NotAnEmail),
            (3, Rejection::Duplicate { first_line: 1 }),
        ]
    );
    assert_eq!(list.rejected[0].text, "not an address");
    assert_eq!(list.rejected[1].reason.message(), "Already on line 1.");
}

#[test]
fn csv_with_a_heading_quotes_and_several_columns() {
    let text = "Name,Email,Role\n\
                \"Meier, Anna\",anna@example.com,Buyer\n\
                Ben Brix,\"ben@example.org\",Member\n\
                \"Cora \"\"C\"\" Lind\",cora@example.net,\n";
    let list = parse(text);
    assert_eq!(
        emails(&list),
        [
            (2, "anna@example.com"),
            (3, "ben@example.org"),
            (4, "cora@example.net")
        ]
    );
    assert!(list.rejected.is_empty());
}

#[test]
fn a_heading_names_the_column_even_when_others_hold_addresses() {
    let text = "Manager;E-Mail\nboss@example.com;ann@example.com\nboss@example.com;\n";
    let list = parse(text);
    assert_eq!(emails(&list), [(2, "ann@example.com")]);
    assert_eq!(rejects(&list), [(3, Rejection::NotAnEmail)]);
}

#[test]
fn without_a_heading_the_first_address_on_a_line_counts() {
    let list = parse("Anna Meier\tanna@example.com\nBen Brix\tno address here\n");
    assert_eq!(emails(&list), [(1, "anna@example.com")]);
    assert_eq!(rejects(&list), [(2, Rejection::NoEmail)]);
    assert_eq!(
        list.rejected[0].reason.message(),
        "None of its values is an email address."
    );
}

#[test]
fn ten_thousand_lines_are_all_read() {
    let text: String = (0..10_000)
        .map(|n| format!("person{n}@example.com\r\n"))
        .collect();
    let list = parse(&text);
    assert_eq!(list.invitees.len(), 10_000);
    assert_eq!(list.invitees[9_999].line, 10_000);
    assert!(list.rejected.is_empty());
}

#[test]
fn a_list_over_the_limit_is_refused_as_a_whole() {
    let text = "a@example.com\n".repeat(MAX_INVITATION_LINES + 1);
    let refused = parse_invitation_list(&text).expect_err("too long");
    assert_eq!(refused.lines, MAX_INVITATION_LINES + 1);
    assert!(refused.to_string().contains("at most 50000"));
}

/// An address the generator makes: distinct local parts, any case.
fn address() -> impl Strategy<Value = String> {
    ("[a-z]{1,8}", any::<bool>()).prop_map(|(local, upper)| {
        let address = format!("{local}@example.com");
        if upper {
            address.to_uppercase()
        } else {
            address
        }
    })
}

proptest! {
    /// However a list of addresses is written (blank lines between, Windows line
    /// ends, a byte order mark, any case), each address is invited once, at the line
    /// that named it first, and every later mention is a duplicate of that line.
    #[test]
    fn every_address_once_at_its_first_line(
        addresses in proptest::collection::vec(address(), 1..40),
        blanks in proptest::collection::vec(0_usize..3, 40),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        let mut line = 0;
        let mut expected: Vec<(usize, String)> = Vec::new();
        let mut duplicates: Vec<(usize, usize)> = Vec::new();
        for (index, address) in addresses.iter().enumerate() {
            for _ in 0..blanks[index] {
                text.push_str(end);
                line += 1;
            }
            text.push_str(address);
            text.push_str(end);
            line += 1;
            match expected.iter().find(|(_, seen)| seen.eq_ignore_ascii_case(address)) {
                Some((first, _)) => duplicates.push((line, *first)),
                None => expected.push((line, address.clone())),
            }
        }
        let list = parse(&text);
        let found: Vec<(usize, String)> = list
            .invitees
            .iter()
            .map(|invitee| (invitee.line, invitee.email.as_str().to_owned()))
            .collect();
        prop_assert_eq!(found, expected);
        let rejected: Vec<(usize, usize)> = list
            .rejected
            .iter()
            .map(|rejected| match rejected.reason {
                Rejection::Duplicate { first_line } => (rejected.line, first_line),
                ref other => panic!("only duplicates here, not {other:?}"),
            })
            .collect();
        prop_assert_eq!(rejected, duplicates);
    }
}
