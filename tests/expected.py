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
