"""Expectations counted by hand in the five seed texts, shared by the test modules."""

A0 = "sf-xi-lopez-obrador-report"
A1 = "sre-press-release-341"
A2 = "latin-times-biden-lopez-obrador-preview"
A3 = "presidency-lopez-obrador-biden-meeting"
A4 = "xinhua-xi-lopez-obrador-meeting"

# The two delegations 003 lists at the Biden–López Obrador meeting.
MEXICAN_DELEGATES = (
    "alicia-barcena",
    "raquel-buenrostro",
    "rosa-icela-rodriguez",
    "luis-cresencio-sandoval",
    "jose-rafael-ojeda",
    "esteban-moctezuma",
    "roberto-velasco",
    "daniel-asaf",
)
US_DELEGATES = (
    "anthony-blinken",
    "jake-sullivan",
    "jennifer-omalley-dillon",
    "elizabeth-sherwood-randall",
    "ken-salazar",
    "brian-nichols",
    "juan-gonzalez",
    "katie-tobin",
)
# Everyone 003 names: the two presidents and both delegations.
PEOPLE_IN_003 = frozenset({"lopez-obrador", "joe-biden", *MEXICAN_DELEGATES, *US_DELEGATES})

# The people each seed article names (by its file number).
PEOPLE_BY_ARTICLE = {
    "000": {
        "xi-jinping",
        "lopez-obrador",
        "alicia-barcena",
        "joe-biden",
        "brian-nichols",
        "justin-trudeau",
        "fumio-kishida",
        "dina-boluarte",
        "pedro-castillo",
        "gabriel-boric",
    },
    # Only institutions; "Felipe Angeles International Airport" is a place, not a person.
    "001": set(),
    "002": {
        "joe-biden",
        "lopez-obrador",
        "brian-nichols",
        "alicia-barcena",
        "xi-jinping",
        "donald-trump",
        "nicolas-maduro",
    },
    "003": set(PEOPLE_IN_003),
    "004": {"xi-jinping", "lopez-obrador"},
}
