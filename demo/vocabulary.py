"""Word lists for generated demo data. Names are combined at random: no real persons."""

FIRST_NAMES = (
    "Daan Sem Lucas Levi Finn Milan Noah Luuk Bram Thijs Jesse Ruben Tim Lars Stijn Niels Jeroen "
    "Koen Bas Sander Mark Dennis Kevin Rick Youssef Mohamed Emma Julia Sophie Tess Lisa Sanne "
    "Anouk Lotte Fleur Iris Eva Noor Sara Femke Lieke Naomi Esmee Romy Demi Kim Laura Manon "
    "Fatima Amira Yara Mila Nina Jasmijn Roos Marloes Ilse Chantal Priya Joyce"
).split()

LAST_NAMES = (
    "de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,de Boer,"
    "Mulder,de Groot,Bos,Vos,Peters,Hendriks,van Leeuwen,Dekker,Brouwer,de Wit,Dijkstra,Smits,"
    "de Graaf,van der Meer,van der Linden,Kok,Jacobs,de Haan,Vermeulen,van den Heuvel,"
    "van der Veen,van den Broek,de Bruijn,de Bruin,van der Heijden,Schouten,van Beek,Willems,"
    "van Vliet,van de Ven,Hoekstra,Maas,Verhoeven,Koster,van Dam,van der Wal,Prins,Blom,Huisman,"
    "Peeters,de Koning,Kuipers,van Wijk,Postma,Kuiper,Veenstra,Kramer,van den Brink,Scholten,"
    "van Wijngaarden,Aydin,Yilmaz,El Amrani,Bouzid,Ramdin,Tjon,Martens,Evers,Groen,Wouters"
).split(",")

STREETS = (
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Stationsplein",
    "Lindenlaan",
    "Beukenlaan",
    "Havenkade",
    "Schoolstraat",
)
CITIES = (
    "Amsterdam,Rotterdam,Den Haag,Utrecht,Eindhoven,Groningen,Zwolle,Arnhem,Nijmegen,Breda,"
    "Tilburg,Den Bosch,Maastricht,Leeuwarden,Enschede,Apeldoorn,Haarlem,Alkmaar,Amersfoort,"
    "Almere,Leiden,Dordrecht,Heerlen,Emmen,Venlo,Hoorn,Deventer,Hengelo,Roermond,Assen"
).split(",")

PROVIDER_WORDS = (
    "Werkkracht,Perspectief,Stap Verder,Talentwerk,Baanbrekers,Koers,Richting Werk,Opmaat,"
    "Werkpad,Startblok,Vakwerk Coaching,De Brug,Doorzet,Kansrijk,Werkzin,Horizon,Anker,"
    "Kompas,Ladder,Aan de Slag"
).split(",")

# (code, name, category, phases served)
SERVICE_TYPES = [
    ("SOC-KAART", "Verwijzing via de sociale kaart", "other", "1"),
    ("MOD-STAB", "Modulaire re-integratiedienst stabiliseren", "other", "12"),
    ("WF-TRAJ", "Werkfit-traject", "work_fit", "2"),
    ("PRAKT-BEO", "Praktijkbeoordeling", "assessment", "23"),
    ("WS-SNW", "Workshop Succesvol naar werk", "towards_work", "3"),
    ("SCHOL-COACH", "Scholing met coaching", "schooling", "3"),
    ("NW-TRAJ", "Naar-werk-traject", "towards_work", "3"),
    ("PROEFPL", "Proefplaatsing", "towards_work", "34"),
    ("JOBCOACH", "Jobcoaching", "job_coaching", "34"),
    ("WERKBEHOUD", "Werkbehoudsdienst", "job_retention", "4"),
    ("WERKPLEK", "Werkplekvoorziening", "workplace_provision", "4"),
]

COST_RANGE = {  # euros, by category
    "other": (400, 2500),
    "work_fit": (3000, 6500),
    "assessment": (800, 1600),
    "towards_work": (1500, 5500),
    "schooling": (1000, 5000),
    "job_coaching": (1500, 8000),
    "job_retention": (2000, 4500),
    "workplace_provision": (500, 9000),
}

GOALS = {
    "1": [
        "Stabiliseren van de gezondheid en een vaste dagbesteding",
        "Zorg en ondersteuning op orde",
    ],
    "2": ["Werkritme opbouwen tot 16 uur per week", "Werknemersvaardigheden versterken"],
    "3": [
        "Betaald werk vinden in de logistiek",
        "Een leerwerkplek vinden in de zorg",
        "Betaald werk vinden in de horeca",
    ],
    "4": ["Duurzaam aan het werk blijven bij de huidige werkgever", "Contract verlengd krijgen"],
}

AGREEMENTS = [
    ("client", "Cliënt houdt een weekrooster bij en bespreekt dit"),
    ("client", "Cliënt solliciteert op twee vacatures per maand"),
    ("client", "Cliënt bezoekt de open dag van het leerwerkbedrijf"),
    ("uwv", "UWV vraagt een praktijkbeoordeling aan"),
    ("uwv", "UWV neemt contact op met het werkgeversservicepunt"),
    ("uwv", "UWV beoordeelt de aanvraag voor een jobcoach"),
    ("employer", "Werkgever bespreekt verlenging van het contract"),
    ("employer", "Werkgever past de werkplek aan"),
    ("provider", "Re-integratiebedrijf levert een voortgangsrapportage"),
    ("provider", "Re-integratiebedrijf organiseert een proefplaatsing"),
]

SUMMARIES = [
    "Voortgang besproken; cliënt is tevreden over de huidige situatie.",
    "Belastbaarheid en werkritme besproken, vervolgafspraak gemaakt.",
    "Cliënt geeft aan meer uren te willen werken; mogelijkheden verkend.",
    "Medische situatie is stabiel; geen nieuwe acties nodig.",
    "Sollicitaties doorgenomen en vacatures besproken.",
    "Werkplan bijgesteld na gesprek met de werkgever.",
    "Rapportage van het re-integratiebedrijf besproken.",
    "Cliënt heeft zorgen over het contract; werkgever wordt benaderd.",
]

HANDOVER_NOTES = [
    "Cliënt werkt graag met vaste afspraken op dinsdag; let op lopende aanvraag jobcoach.",
    "Openstaande afspraak over proefplaatsing; werkgever is positief.",
    "Cliënt is gestart met scholing; vraag in het volgende gesprek naar de voortgang.",
    "Rustig opbouwen; cliënt heeft een terugval gehad na baanverlies.",
]
