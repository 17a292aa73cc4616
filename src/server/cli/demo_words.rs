//! Word pools for the demo community: names by region of origin, and phrasing.

/// Countries members come from (ISO alpha-2), the first ones more often.
pub const ORIGINS: &[&str] = &[
    "SN", "ML", "NG", "GH", "CI", "CM", "CD", "ET", "SO", "KE", "MA", "DZ", "TN", "EG", "HT", "JM",
    "DO", "MX", "GT", "SV", "HN", "NI", "CO", "VE", "PE", "BR", "AR", "IN", "PK", "BD", "LK", "NP",
    "PH", "VN", "CN", "LB", "SY", "IQ", "AF", "IR", "TR", "UA", "PL", "RO", "AL", "BA", "RW", "UG",
    "ZW", "ZA", "ER", "SD", "MG", "CV", "TG", "BJ", "BF", "NE", "GN", "TD", "BO", "EC", "CU", "TT",
    // Melanesia, Polynesia, Micronesia and Central Asia, so every UN M49 sub-region has people.
    "FJ", "PG", "WS", "FM", "KZ", "UZ",
];

/// Countries members live in.
pub const RESIDENCES: &[&str] = &[
    "FR", "US", "CA", "GB", "DE", "ES", "IT", "BE", "NL", "CH", "SE", "NO", "PT", "IE", "AU", "AE",
    "QA", "SA", "ZA", "SN", "KE", "MX", "BR", "AR", "JP",
];

/// Cities by country of residence, for the city field.
pub fn city(residence: &str) -> &'static str {
    match residence {
        "FR" => "Lyon",
        "US" => "Houston",
        "CA" => "Montréal",
        "GB" => "Manchester",
        "DE" => "Köln",
        "ES" => "Madrid",
        "IT" => "Milano",
        "BE" => "Bruxelles",
        "NL" => "Rotterdam",
        "CH" => "Genève",
        "SE" => "Malmö",
        "NO" => "Oslo",
        "PT" => "Lisboa",
        "IE" => "Dublin",
        "AU" => "Melbourne",
        "AE" => "Dubai",
        "QA" => "Doha",
        "SA" => "Riyadh",
        "ZA" => "Johannesburg",
        "SN" => "Dakar",
        "KE" => "Nairobi",
        "MX" => "Guadalajara",
        "BR" => "São Paulo",
        "AR" => "Córdoba",
        _ => "Osaka",
    }
}

/// Languages commonly spoken by people from a country (ISO 639-1).
pub fn languages(origin: &str) -> &'static [&'static str] {
    match origin {
        "SN" => &["fr", "wo"],
        "ML" | "BF" | "GN" => &["fr", "bm"],
        "NG" => &["en", "yo", "ha", "ig"],
        "GH" => &["en", "ak"],
        "CI" | "CM" | "TG" | "BJ" | "NE" | "TD" | "CD" | "MG" => &["fr"],
        "ET" | "ER" => &["am", "ti", "en"],
        "SO" => &["so", "ar"],
        "KE" | "UG" => &["sw", "en"],
        "RW" => &["rw", "fr", "en"],
        "MA" | "DZ" | "TN" => &["ar", "fr"],
        "EG" | "LB" | "SY" | "IQ" | "SD" => &["ar"],
        "HT" => &["ht", "fr"],
        "CV" => &["pt"],
        "BR" => &["pt"],
        "JM" | "TT" | "ZW" | "ZA" => &["en"],
        "IN" => &["hi", "en"],
        "PK" => &["ur", "en"],
        "BD" => &["bn"],
        "LK" => &["si", "ta"],
        "NP" => &["ne"],
        "PH" => &["tl", "en"],
        "VN" => &["vi"],
        "CN" => &["zh"],
        "AF" => &["ps", "fa"],
        "IR" => &["fa"],
        "TR" => &["tr"],
        "UA" => &["uk", "ru"],
        "PL" => &["pl"],
        "RO" => &["ro"],
        "AL" => &["sq"],
        "BA" => &["bs"],
        "FJ" => &["en", "fj"],
        "PG" | "FM" => &["en"],
        "WS" => &["sm", "en"],
        "KZ" => &["kk", "ru"],
        "UZ" => &["uz", "ru"],
        _ => &["es"],
    }
}

/// Given names by the region of origin.
pub fn given_names(origin: &str) -> &'static [&'static str] {
    match origin {
        "SN" | "ML" | "CI" | "CM" | "TG" | "BJ" | "BF" | "NE" | "GN" | "TD" | "CD" | "MG"
        | "RW" | "CV" => &[
            "Aminata",
            "Moussa",
            "Fatou",
            "Ibrahima",
            "Awa",
            "Cheikh",
            "Mariama",
            "Oumar",
            "Khadija",
            "Yves",
            "Aïssatou",
            "Jean-Paul",
        ],
        "NG" | "GH" | "KE" | "UG" | "ZW" | "ZA" | "ET" | "ER" | "SO" | "SD" => &[
            "Chidi", "Ngozi", "Kwame", "Ama", "Wanjiru", "Otieno", "Tendai", "Thandiwe", "Abebe",
            "Hiwot", "Amina", "Yusuf",
        ],
        "MA" | "DZ" | "TN" | "EG" | "LB" | "SY" | "IQ" => &[
            "Youssef", "Leïla", "Karim", "Nadia", "Omar", "Salma", "Rachid", "Yasmine", "Hassan",
            "Rania", "Samir", "Dounia",
        ],
        "IN" | "PK" | "BD" | "LK" | "NP" | "AF" | "IR" => &[
            "Priya", "Arjun", "Ayesha", "Rahul", "Fatima", "Imran", "Nimali", "Suresh", "Anjali",
            "Farhan", "Shirin", "Dariush",
        ],
        "PH" | "VN" | "CN" => &[
            "Maria", "Jose", "Linh", "Minh", "Wei", "Mei", "Andrea", "Paolo", "Thanh", "Xiu",
        ],
        "FJ" | "PG" | "WS" | "FM" => &[
            "Losana", "Sione", "Mere", "Tevita", "Kalesi", "Iosefa", "Noa", "Seini", "Kila", "Lani",
        ],
        "KZ" | "UZ" => &[
            "Aigerim", "Nurlan", "Dilnoza", "Timur", "Madina", "Bekzod", "Saule", "Rustam",
        ],
        "TR" | "UA" | "PL" | "RO" | "AL" | "BA" => &[
            "Elif",
            "Mehmet",
            "Olena",
            "Taras",
            "Agnieszka",
            "Piotr",
            "Ioana",
            "Andrei",
            "Arben",
            "Lejla",
        ],
        _ => &[
            "María",
            "José",
            "Lucía",
            "Carlos",
            "Guadalupe",
            "Luis",
            "Valentina",
            "Diego",
            "Daniela",
            "Jean",
            "Marie",
            "Kerry-Ann",
        ],
    }
}

/// Family names by the region of origin.
pub fn family_names(origin: &str) -> &'static [&'static str] {
    match origin {
        "SN" | "ML" | "CI" | "CM" | "TG" | "BJ" | "BF" | "NE" | "GN" | "TD" | "CD" | "MG"
        | "RW" | "CV" => &[
            "Diallo", "Ndiaye", "Traoré", "Koné", "Diop", "Camara", "Sow", "Mbeki", "Kabila",
            "Mensah", "Touré", "Ba",
        ],
        "NG" | "GH" | "KE" | "UG" | "ZW" | "ZA" | "ET" | "ER" | "SO" | "SD" => &[
            "Okafor", "Adeyemi", "Mensah", "Boateng", "Kamau", "Odhiambo", "Moyo", "Dlamini",
            "Tesfaye", "Haile", "Warsame", "Osman",
        ],
        "MA" | "DZ" | "TN" | "EG" | "LB" | "SY" | "IQ" => &[
            "El Amrani",
            "Benali",
            "Haddad",
            "Mansour",
            "Khalil",
            "Saleh",
            "Bouazizi",
            "Nasser",
            "Farah",
            "Hamdi",
        ],
        "IN" | "PK" | "BD" | "LK" | "NP" | "AF" | "IR" => &[
            "Sharma", "Patel", "Khan", "Rahman", "Perera", "Gurung", "Iyer", "Hussain", "Ahmadi",
            "Karimi",
        ],
        "PH" | "VN" | "CN" => &[
            "Santos", "Reyes", "Nguyen", "Tran", "Wang", "Li", "Cruz", "Pham", "Chen", "Bautista",
        ],
        "FJ" | "PG" | "WS" | "FM" => &[
            "Vunibaka", "Tuilagi", "Nakamura", "Faleolo", "Ravouvou", "Kepa", "Aufai", "Natapei",
        ],
        "KZ" | "UZ" => &[
            "Nurpeisova",
            "Abenov",
            "Karimova",
            "Usmonov",
            "Seitkali",
            "Rakhimov",
            "Yusupova",
        ],
        "TR" | "UA" | "PL" | "RO" | "AL" | "BA" => &[
            "Yılmaz",
            "Demir",
            "Kovalenko",
            "Shevchenko",
            "Nowak",
            "Kowalski",
            "Popescu",
            "Ionescu",
            "Hoxha",
            "Hodžić",
        ],
        _ => &[
            "García",
            "Hernández",
            "López",
            "Martínez",
            "Rodríguez",
            "Pérez",
            "Gómez",
            "Morales",
            "Joseph",
            "Pierre",
            "Campbell",
            "Ramírez",
        ],
    }
}

/// What members do, for headlines.
pub const JOBS: &[&str] = &[
    "Public-health researcher",
    "Software engineer",
    "Agronomist",
    "Civil engineer",
    "Teacher",
    "Social entrepreneur",
    "Investment analyst",
    "Nurse and community organizer",
    "Journalist",
    "Climate-policy adviser",
    "Architect",
    "Lawyer",
    "Doctoral candidate",
    "Small-business owner",
    "Humanitarian logistician",
    "Data scientist",
    "Midwife",
    "Economist",
    "Film-maker",
    "Urban planner",
];

/// Kinds of groups, for organization names.
pub const GROUPS: &[&str] = &[
    "Network",
    "Association",
    "Alliance",
    "Council",
    "Collective",
    "Union",
    "Forum",
    "Circle",
    "Federation",
    "Platform",
];

/// Themes, for organization names.
pub const THEMES: &[&str] = &[
    "Health",
    "Education",
    "Development",
    "Women Entrepreneurs",
    "Young Professionals",
    "Agriculture",
    "Digital Skills",
    "Solidarity",
    "Culture",
    "Investment",
    "Climate Action",
    "Returnees",
    "Scholars",
    "Engineers",
    "Doctors",
];
