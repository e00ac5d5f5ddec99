//! Deterministic, realistic customers: customer `n` is always the same person, with a
//! name, address and phone of one of eleven countries (in its own script and
//! spelling), so lists, sorting and search meet what a real store holds: accents,
//! apostrophes, Japanese names, shared surnames, gmail addresses (8 %), companies.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use desk_domain::customer_number::with_check_digit;

/// One country's people and places.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    /// The store site its customers prefer.
    pub site: &'static str,
    /// Their locale (one of the store's locales after seeding).
    pub locale: &'static str,
    /// Their currency.
    pub currency: &'static str,
    /// First names: as written, and in ASCII for the email address.
    first_names: &'static [(&'static str, &'static str)],
    /// Last names: as written, and in ASCII.
    last_names: &'static [(&'static str, &'static str)],
    /// City, postal code, region.
    cities: &'static [(&'static str, &'static str, &'static str)],
    streets: &'static [&'static str],
    /// Whether the house number comes before the street ("10 Downing Street").
    number_first: bool,
    /// The start of a phone number in E.164, then how many digits follow.
    phone: (&'static str, u32),
    company_suffix: &'static str,
    email_domain: &'static str,
    notes: &'static [&'static str],
}

/// The sites seeding creates: code, name, currency, locale.
pub const SITES: &[(&str, &str, &str, &str)] = &[
    ("eu", "Europe", "EUR", "de-DE"),
    ("uk", "United Kingdom", "GBP", "en-GB"),
    ("us", "United States", "USD", "en-US"),
    ("ch", "Switzerland", "CHF", "de-CH"),
    ("nordics", "Nordics", "SEK", "sv-SE"),
    ("jp", "Japan", "JPY", "ja-JP"),
];

pub const COUNTRIES: &[Country] = &[
    Country {
        code: "DE",
        site: "eu",
        locale: "de-DE",
        currency: "EUR",
        first_names: &[
            ("Lukas", "lukas"),
            ("Anna", "anna"),
            ("Jürgen", "juergen"),
            ("Käthe", "kaethe"),
            ("Felix", "felix"),
            ("Marie", "marie"),
            ("Jonas", "jonas"),
            ("Sophie", "sophie"),
        ],
        last_names: &[
            ("Müller", "mueller"),
            ("Schmidt", "schmidt"),
            ("Schneider", "schneider"),
            ("Fischer", "fischer"),
            ("Weber", "weber"),
            ("Meyer", "meyer"),
            ("Köhler", "koehler"),
            ("Schäfer", "schaefer"),
        ],
        cities: &[
            ("Berlin", "10115", "Berlin"),
            ("München", "80331", "Bayern"),
            ("Hamburg", "20095", "Hamburg"),
            ("Köln", "50667", "Nordrhein-Westfalen"),
        ],
        streets: &[
            "Hauptstraße",
            "Gartenweg",
            "Bahnhofstraße",
            "Lindenallee",
            "Schillerstraße",
        ],
        number_first: false,
        phone: ("+4930", 8),
        company_suffix: "GmbH",
        email_domain: "web.de",
        notes: &[
            "Ruft lieber vormittags an.",
            "Wünscht Rechnung per Post.",
            "Stammkunde seit der Eröffnung.",
        ],
    },
    Country {
        code: "FR",
        site: "eu",
        locale: "fr-FR",
        currency: "EUR",
        first_names: &[
            ("Léa", "lea"),
            ("Hugo", "hugo"),
            ("Chloé", "chloe"),
            ("Louis", "louis"),
            ("Inès", "ines"),
            ("Gabriel", "gabriel"),
            ("Camille", "camille"),
            ("Théo", "theo"),
        ],
        last_names: &[
            ("Martin", "martin"),
            ("Bernard", "bernard"),
            ("Dubois", "dubois"),
            ("Lefèvre", "lefevre"),
            ("Durand", "durand"),
            ("Petit", "petit"),
            ("Moreau", "moreau"),
            ("Girard", "girard"),
        ],
        cities: &[
            ("Paris", "75001", "Île-de-France"),
            ("Lyon", "69001", "Auvergne-Rhône-Alpes"),
            ("Marseille", "13001", "Provence-Alpes-Côte d'Azur"),
        ],
        streets: &[
            "rue de la Paix",
            "avenue Victor-Hugo",
            "boulevard Saint-Michel",
            "rue des Écoles",
        ],
        number_first: true,
        phone: ("+3361", 7),
        company_suffix: "SARL",
        email_domain: "orange.fr",
        notes: &[
            "Préfère être contactée par e-mail.",
            "Livraison uniquement le matin.",
            "A demandé un devis pour 2027.",
        ],
    },
    Country {
        code: "ES",
        site: "eu",
        locale: "es-ES",
        currency: "EUR",
        first_names: &[
            ("Lucía", "lucia"),
            ("Mateo", "mateo"),
            ("Martina", "martina"),
            ("Álvaro", "alvaro"),
            ("Sofía", "sofia"),
            ("Hugo", "hugo"),
        ],
        last_names: &[
            ("García", "garcia"),
            ("Fernández", "fernandez"),
            ("González", "gonzalez"),
            ("Rodríguez", "rodriguez"),
            ("López", "lopez"),
            ("Martínez", "martinez"),
            ("Sánchez", "sanchez"),
            ("Pérez", "perez"),
        ],
        cities: &[
            ("Madrid", "28013", "Madrid"),
            ("Barcelona", "08001", "Cataluña"),
            ("Sevilla", "41001", "Andalucía"),
        ],
        streets: &[
            "Calle Mayor",
            "Avenida de la Constitución",
            "Calle de Alcalá",
            "Paseo de Gracia",
        ],
        number_first: false,
        phone: ("+3461", 7),
        company_suffix: "S.L.",
        email_domain: "telefonica.es",
        notes: &[
            "Cliente muy puntual con los pagos.",
            "Prefiere hablar en castellano.",
            "Pidió catálogo impreso.",
        ],
    },
    Country {
        code: "PL",
        site: "eu",
        locale: "pl-PL",
        currency: "PLN",
        first_names: &[
            ("Zofia", "zofia"),
            ("Jakub", "jakub"),
            ("Łucja", "lucja"),
            ("Szymon", "szymon"),
            ("Małgorzata", "malgorzata"),
            ("Michał", "michal"),
        ],
        last_names: &[
            ("Nowak", "nowak"),
            ("Kowalski", "kowalski"),
            ("Wiśniewski", "wisniewski"),
            ("Wójcik", "wojcik"),
            ("Łukasiewicz", "lukasiewicz"),
            ("Zieliński", "zielinski"),
        ],
        cities: &[
            ("Warszawa", "00-001", "mazowieckie"),
            ("Kraków", "30-001", "małopolskie"),
            ("Gdańsk", "80-001", "pomorskie"),
        ],
        streets: &[
            "ul. Długa",
            "ul. Piękna",
            "ul. Marszałkowska",
            "ul. Floriańska",
        ],
        number_first: false,
        phone: ("+4860", 7),
        company_suffix: "sp. z o.o.",
        email_domain: "wp.pl",
        notes: &[
            "Prosi o fakturę VAT.",
            "Kontakt tylko mailowy.",
            "Zamawia co kwartał.",
        ],
    },
    Country {
        code: "SE",
        site: "nordics",
        locale: "sv-SE",
        currency: "SEK",
        first_names: &[
            ("Astrid", "astrid"),
            ("Björn", "bjorn"),
            ("Åsa", "asa"),
            ("Erik", "erik"),
            ("Ingrid", "ingrid"),
            ("Oskar", "oskar"),
        ],
        last_names: &[
            ("Andersson", "andersson"),
            ("Johansson", "johansson"),
            ("Karlsson", "karlsson"),
            ("Nilsson", "nilsson"),
            ("Öberg", "oberg"),
            ("Ångström", "angstrom"),
        ],
        cities: &[
            ("Stockholm", "111 22", "Stockholms län"),
            ("Göteborg", "411 01", "Västra Götaland"),
            ("Malmö", "211 20", "Skåne"),
        ],
        streets: &["Storgatan", "Drottninggatan", "Kungsgatan", "Sveavägen"],
        number_first: false,
        phone: ("+4670", 7),
        company_suffix: "AB",
        email_domain: "telia.se",
        notes: &[
            "Vill ha kvitto via e-post.",
            "Ring efter klockan tio.",
            "Har frågat om företagskonto.",
        ],
    },
    Country {
        code: "GB",
        site: "uk",
        locale: "en-GB",
        currency: "GBP",
        first_names: &[
            ("Oliver", "oliver"),
            ("Amelia", "amelia"),
            ("Harry", "harry"),
            ("Isla", "isla"),
            ("George", "george"),
            ("Siobhán", "siobhan"),
        ],
        last_names: &[
            ("Smith", "smith"),
            ("Jones", "jones"),
            ("Taylor", "taylor"),
            ("Brown", "brown"),
            ("O'Brien", "obrien"),
            ("Williams", "williams"),
        ],
        cities: &[
            ("London", "SW1A 1AA", "Greater London"),
            ("Manchester", "M1 1AE", "Greater Manchester"),
            ("Edinburgh", "EH1 1YZ", "Scotland"),
        ],
        streets: &[
            "High Street",
            "Station Road",
            "Church Lane",
            "Victoria Road",
        ],
        number_first: true,
        phone: ("+4477", 8),
        company_suffix: "Ltd",
        email_domain: "btinternet.com",
        notes: &[
            "Prefers a call after 5 pm.",
            "Asked to be told about the spring sale.",
            "Parcel to be left with a neighbour.",
        ],
    },
    Country {
        code: "US",
        site: "us",
        locale: "en-US",
        currency: "USD",
        first_names: &[
            ("James", "james"),
            ("Olivia", "olivia"),
            ("Liam", "liam"),
            ("Emma", "emma"),
            ("Noah", "noah"),
            ("Ava", "ava"),
        ],
        last_names: &[
            ("Johnson", "johnson"),
            ("Miller", "miller"),
            ("Davis", "davis"),
            ("Wilson", "wilson"),
            ("Anderson", "anderson"),
            ("Rodriguez", "rodriguez"),
        ],
        cities: &[
            ("New York", "10001", "NY"),
            ("Chicago", "60601", "IL"),
            ("Austin", "73301", "TX"),
        ],
        streets: &["Main Street", "Oak Avenue", "Maple Drive", "Park Place"],
        number_first: true,
        phone: ("+12122", 6),
        company_suffix: "Inc.",
        email_domain: "outlook.com",
        notes: &[
            "Wants invoices in USD only.",
            "Call the office line, not mobile.",
            "Interested in the loyalty program.",
        ],
    },
    Country {
        code: "JP",
        site: "jp",
        locale: "ja-JP",
        currency: "JPY",
        first_names: &[
            ("陽翔", "haruto"),
            ("結衣", "yui"),
            ("蒼", "aoi"),
            ("Sota", "sota"),
            ("Hina", "hina"),
            ("さくら", "sakura"),
        ],
        last_names: &[
            ("佐藤", "sato"),
            ("鈴木", "suzuki"),
            ("高橋", "takahashi"),
            ("田中", "tanaka"),
            ("Watanabe", "watanabe"),
            ("Yamamoto", "yamamoto"),
        ],
        cities: &[
            ("東京", "100-0001", "東京都"),
            ("大阪", "530-0001", "大阪府"),
            ("Kyoto", "600-8001", "Kyoto"),
        ],
        streets: &["千代田1-1", "梅田2-4", "Shijo-dori", "Ginza 4-6"],
        number_first: false,
        phone: ("+8190", 8),
        company_suffix: "株式会社",
        email_domain: "docomo.ne.jp",
        notes: &[
            "午前中の配達を希望。",
            "請求書は郵送で。",
            "Speaks English as well.",
        ],
    },
    Country {
        code: "TR",
        site: "eu",
        locale: "tr-TR",
        currency: "EUR",
        first_names: &[
            ("Elif", "elif"),
            ("Mehmet", "mehmet"),
            ("Zeynep", "zeynep"),
            ("Çağlar", "caglar"),
            ("Ayşe", "ayse"),
            ("İbrahim", "ibrahim"),
        ],
        last_names: &[
            ("Yılmaz", "yilmaz"),
            ("Kaya", "kaya"),
            ("Demir", "demir"),
            ("Şahin", "sahin"),
            ("Çelik", "celik"),
            ("Öztürk", "ozturk"),
        ],
        cities: &[
            ("İstanbul", "34000", "İstanbul"),
            ("Ankara", "06000", "Ankara"),
            ("İzmir", "35000", "İzmir"),
        ],
        streets: &["Atatürk Caddesi", "İstiklal Caddesi", "Cumhuriyet Sokak"],
        number_first: false,
        phone: ("+90532", 7),
        company_suffix: "A.Ş.",
        email_domain: "yandex.com.tr",
        notes: &[
            "Faturayı e-posta ile istiyor.",
            "Öğleden sonra aranmalı.",
            "Toplu sipariş düşünüyor.",
        ],
    },
    Country {
        code: "CH",
        site: "ch",
        locale: "de-CH",
        currency: "CHF",
        first_names: &[
            ("Noah", "noah"),
            ("Mia", "mia"),
            ("Luca", "luca"),
            ("Léonie", "leonie"),
            ("Gian", "gian"),
            ("Zoë", "zoe"),
        ],
        last_names: &[
            ("Müller", "mueller"),
            ("Meier", "meier"),
            ("Brunner", "brunner"),
            ("Favre", "favre"),
            ("Bianchi", "bianchi"),
            ("Zürcher", "zuercher"),
        ],
        cities: &[
            ("Zürich", "8001", "ZH"),
            ("Genève", "1201", "GE"),
            ("Lugano", "6900", "TI"),
        ],
        streets: &["Bahnhofstrasse", "Rue du Rhône", "Via Nassa", "Limmatquai"],
        number_first: false,
        phone: ("+4179", 7),
        company_suffix: "AG",
        email_domain: "bluewin.ch",
        notes: &[
            "Bitte nur per Post mahnen.",
            "Kundin spricht Französisch.",
            "Lieferung an die Firma.",
        ],
    },
    Country {
        code: "NL",
        site: "eu",
        locale: "nl-NL",
        currency: "EUR",
        first_names: &[
            ("Daan", "daan"),
            ("Emma", "emma"),
            ("Sem", "sem"),
            ("Julia", "julia"),
            ("Lieke", "lieke"),
            ("Bram", "bram"),
        ],
        last_names: &[
            ("de Jong", "dejong"),
            ("Jansen", "jansen"),
            ("de Vries", "devries"),
            ("van den Berg", "vandenberg"),
            ("Bakker", "bakker"),
            ("Visser", "visser"),
        ],
        cities: &[
            ("Amsterdam", "1012 AB", "Noord-Holland"),
            ("Rotterdam", "3011 AA", "Zuid-Holland"),
            ("Utrecht", "3511 AA", "Utrecht"),
        ],
        streets: &[
            "Kerkstraat",
            "Dorpsstraat",
            "Prinsengracht",
            "Stationsplein",
        ],
        number_first: false,
        phone: ("+3161", 7),
        company_suffix: "B.V.",
        email_domain: "ziggo.nl",
        notes: &[
            "Wil graag een factuur per e-mail.",
            "Bel na 14 uur.",
            "Vraagt naar zakelijke korting.",
        ],
    },
];

/// The attribute definitions seeding adds: code, label, kind, choices.
pub const ATTRIBUTES: &[(&str, &str, &str, &[&str])] = &[
    (
        "loyalty_tier",
        "Loyalty tier",
        "choice",
        &["Bronze", "Silver", "Gold"],
    ),
    ("newsletter", "Newsletter", "boolean", &[]),
];

/// A well-mixed 64-bit hash of `n` and a `salt` (SplitMix64): the same every run.
pub fn mix(n: u64, salt: u64) -> u64 {
    let mut z = n
        .wrapping_add(salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pick<T: Copy>(options: &[T], n: u64, salt: u64) -> T {
    options[(mix(n, salt) % options.len() as u64) as usize]
}

/// One seeded address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedAddress {
    pub line1: String,
    pub city: &'static str,
    pub postal_code: &'static str,
    pub region: &'static str,
    pub country: &'static str,
}

/// One seeded customer, with everything the store keeps about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedCustomer {
    pub n: u64,
    pub id: uuid::Uuid,
    pub customer_ref: String,
    pub customer_number: String,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: String,
    pub salutation: Option<&'static str>,
    pub gender: Option<&'static str>,
    pub date_of_birth: Option<NaiveDate>,
    /// E.164.
    pub phone: Option<String>,
    pub company: Option<String>,
    pub locale: &'static str,
    pub currency: &'static str,
    pub site: Option<&'static str>,
    pub active: bool,
    pub on_hold: bool,
    pub verified: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub addresses: Vec<SeedAddress>,
    pub note: Option<&'static str>,
    /// Custom attribute values by code, as the store keeps them.
    pub attributes: Vec<(&'static str, &'static str)>,
}

/// When seeded customers were created: spread over the three years up to this date.
fn seeding_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

impl SeedCustomer {
    /// Customer `n` (from 0): the same person in every run and on every machine.
    pub fn nth(n: u64) -> Self {
        let country = &COUNTRIES[(mix(n, 1) % COUNTRIES.len() as u64) as usize];
        let (first_name, first_ascii) = pick(country.first_names, n, 2);
        let (last_name, last_ascii) = pick(country.last_names, n, 3);
        let roll = mix(n, 4) % 100;
        let domain = if roll < 8 {
            "gmail.com"
        } else if roll < 40 {
            country.email_domain
        } else {
            "example.com"
        };
        let email = format!("{first_ascii}.{last_ascii}.{n}@{domain}");
        let id_bytes = {
            let mut bytes = [0_u8; 16];
            bytes[..8].copy_from_slice(&mix(n, 5).to_be_bytes());
            bytes[8..].copy_from_slice(&mix(n, 6).to_be_bytes());
            bytes
        };
        // 9 digits that are a permutation of n (no gaps tell the count), then Luhn.
        let body = format!(
            "{:09}",
            (n.wrapping_mul(387_420_489) + 123_456_789) % 1_000_000_000
        );
        let customer_number = with_check_digit(&body).unwrap_or(body);
        let phone = (mix(n, 7) % 10 < 7).then(|| {
            let (start, digits) = country.phone;
            let number = mix(n, 8) % 10_u64.pow(digits);
            // A leading digit from 2 up keeps the number in a valid range.
            let first = 2 + number % 7;
            let rest = number / 10 % 10_u64.pow(digits - 1);
            format!(
                "{start}{first}{rest:0width$}",
                width = (digits - 1) as usize
            )
        });
        let company = (mix(n, 9) % 10 < 3).then(|| {
            format!(
                "{} {}",
                pick(country.last_names, n, 10).0,
                country.company_suffix
            )
        });
        let created_at =
            seeding_epoch() - Duration::seconds((mix(n, 11) % (3 * 365 * 86_400)) as i64);
        let city = pick(country.cities, n, 12);
        let address = |k: u64| {
            let street = pick(country.streets, n, 13 + k);
            let number = 1 + mix(n, 15 + k) % 180;
            SeedAddress {
                line1: if country.number_first {
                    format!("{number} {street}")
                } else {
                    format!("{street} {number}")
                },
                city: if k == 0 {
                    city.0
                } else {
                    pick(country.cities, n, 17).0
                },
                postal_code: if k == 0 {
                    city.1
                } else {
                    pick(country.cities, n, 17).1
                },
                region: if k == 0 {
                    city.2
                } else {
                    pick(country.cities, n, 17).2
                },
                country: country.code,
            }
        };
        // 1.5 addresses per customer on average; 30 % have a note.
        let addresses = (0..1 + n % 2).map(address).collect();
        let salutations = [
            Some("mr"),
            Some("mrs"),
            Some("ms"),
            Some("mx"),
            Some("dr"),
            None,
        ];
        let genders = [Some("female"), Some("male"), Some("diverse"), None];
        Self {
            n,
            id: uuid::Builder::from_random_bytes(id_bytes).into_uuid(),
            customer_ref: format!("C-{n:07}"),
            customer_number,
            first_name,
            last_name,
            email,
            salutation: pick(&salutations, n, 18),
            gender: pick(&genders, n, 19),
            date_of_birth: mix(n, 20).is_multiple_of(2).then(|| {
                NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
                    + Duration::days((mix(n, 21) % 20_000) as i64)
            }),
            phone,
            company,
            locale: country.locale,
            currency: country.currency,
            site: (mix(n, 22) % 10 < 8).then_some(country.site),
            active: mix(n, 23) % 100 < 92,
            on_hold: mix(n, 24) % 100 < 3,
            verified: mix(n, 25) % 100 < 70,
            created_at,
            last_login_at: (mix(n, 26) % 10 < 6)
                .then(|| created_at + Duration::seconds((mix(n, 27) % 5_000_000) as i64)),
            addresses,
            note: (n % 10 < 3).then(|| pick(country.notes, n, 28)),
            attributes: [
                (!mix(n, 29).is_multiple_of(3))
                    .then(|| ("loyalty_tier", pick(&["Bronze", "Silver", "Gold"], n, 30))),
                mix(n, 31).is_multiple_of(2).then(|| {
                    (
                        "newsletter",
                        if mix(n, 32).is_multiple_of(2) {
                            "yes"
                        } else {
                            "no"
                        },
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use desk_domain::customer::{CustomerChoices, CustomerDetails, CustomerInput, SiteChoice};
    use desk_domain::customer_fields::{CountryCode, PhoneNumber};
    use desk_domain::postal_code::parse_postal_code;

    use super::*;

    fn choices() -> CustomerChoices {
        CustomerChoices {
            currencies: ["EUR", "GBP", "USD", "CHF", "SEK", "PLN", "JPY"]
                .map(String::from)
                .to_vec(),
            locales: COUNTRIES
                .iter()
                .map(|country| country.locale.to_owned())
                .collect(),
            sites: SITES
                .iter()
                .map(|(code, name, _, _)| SiteChoice {
                    code: (*code).to_owned(),
                    name: (*name).to_owned(),
                    country: None,
                    has_storefront: false,
                })
                .collect(),
            ..CustomerChoices::default()
        }
    }

    #[test]
    fn seeded_customers_pass_the_apps_own_checks() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        for n in 0..1_500 {
            let customer = SeedCustomer::nth(n);
            let input = CustomerInput {
                customer_ref: customer.customer_ref.clone(),
                email: customer.email.clone(),
                salutation: customer.salutation.unwrap_or_default().to_owned(),
                first_name: customer.first_name.to_owned(),
                last_name: customer.last_name.to_owned(),
                gender: customer.gender.unwrap_or_default().to_owned(),
                date_of_birth: customer
                    .date_of_birth
                    .map(|date| date.to_string())
                    .unwrap_or_default(),
                phone: customer.phone.clone().unwrap_or_default(),
                company: customer.company.clone().unwrap_or_default(),
                locale: customer.locale.to_owned(),
                preferred_currency: customer.currency.to_owned(),
                preferred_site: customer.site.unwrap_or_default().to_owned(),
                active: customer.active,
                on_hold: customer.on_hold,
                ..CustomerInput::default()
            };
            let details = CustomerDetails::parse(&input, &choices(), today)
                .unwrap_or_else(|errors| panic!("customer {n} {customer:?}: {errors:?}"));
            // Stored as parsed: the phone is already E.164.
            assert_eq!(
                details.phone.as_ref().map(PhoneNumber::as_str),
                customer.phone.as_deref()
            );
            for address in &customer.addresses {
                let country = CountryCode::parse("country", address.country).expect("a country");
                parse_postal_code("postal_code", address.postal_code, Some(&country))
                    .unwrap_or_else(|error| panic!("customer {n} {address:?}: {error:?}"));
            }
        }
    }

    #[test]
    fn the_same_number_is_the_same_person_and_references_are_unique() {
        assert_eq!(SeedCustomer::nth(41), SeedCustomer::nth(41));
        let mut numbers: Vec<String> = (0..20_000)
            .map(|n| SeedCustomer::nth(n).customer_number)
            .collect();
        numbers.sort();
        numbers.dedup();
        assert_eq!(numbers.len(), 20_000);
        let gmail = (0..10_000)
            .filter(|n| SeedCustomer::nth(*n).email.ends_with("@gmail.com"))
            .count();
        assert!((700..900).contains(&gmail), "about 8 % use gmail: {gmail}");
    }
}
