"""Words the synthetic catalog is made of: names, titles, labels, genres, places.

All invented; any likeness to a real band is an accident of combining common words.
"""

from __future__ import annotations

# fmt: off

FIRST_NAMES = (
    "Ada", "Al", "Alice", "Ana", "Arlo", "Ben", "Bessie", "Billie", "Bo", "Carla", "Cecil", "Clara",
    "Curtis", "Dee", "Dexter", "Dolores", "Earl", "Edith", "Elmo", "Esther", "Etta", "Felix",
    "Flora", "Gil", "Grady", "Hank", "Hattie", "Hugo", "Ida", "Irma", "Jack", "Jean", "Jimmy",
    "Joan", "June", "Karl", "Kay", "Lena", "Leon", "Lou", "Lucinda", "Mabel", "Marvin", "Mavis",
    "Milo", "Nell", "Nina", "Ola", "Otis", "Pearl", "Percy", "Rita", "Roscoe", "Ruth", "Sam",
    "Sonny", "Stella", "Sybil", "Ted", "Thelma", "Ulla", "Vera", "Walt", "Wanda", "Yuki", "Zoltan",
    "Hiro", "Ingrid", "Pierre", "Lars", "Marta", "Ennio", "Sergio", "Rosa", "Greta",
)

LAST_NAMES = (
    "Abbott", "Alder", "Bishop", "Blackwell", "Brandt", "Calloway", "Carver", "Crane", "Dalton",
    "Dunmore", "Ellison", "Fairweather", "Fontaine", "Garland", "Greer", "Hale", "Harlow",
    "Hayward", "Holloway", "Ingram", "Jarrett", "Keane", "Kowalski", "Lamont", "Lindqvist",
    "Marlowe", "Mercer", "Moreau", "Nakamura", "Novak", "Okafor", "Osborne", "Pruitt", "Quinlan",
    "Ramsey", "Rourke", "Sandoval", "Sayer", "Strand", "Tanaka", "Thornton", "Underwood", "Vance",
    "Voss", "Whitlock", "Winslow", "Yates", "Zeller", "Bellini", "Castellano", "Duval", "Eriksen",
    "Falk", "Gruber", "Hendrix", "Iwata",
)

ADJECTIVES = (
    "Amber", "Ancient", "Black", "Blue", "Broken", "Burning", "Crimson", "Crystal", "Dark",
    "Electric", "Empty", "Endless", "Fading", "Flying", "Frozen", "Gentle", "Ghostly", "Golden",
    "Hollow", "Holy", "Hungry", "Iron", "Last", "Lonely", "Lost", "Lunar", "Magic", "Midnight",
    "Neon", "New", "Northern", "Painted", "Pale", "Purple", "Quiet", "Rolling", "Royal", "Rusty",
    "Sacred", "Savage", "Scarlet", "Secret", "Silent", "Silver", "Sleeping", "Solar", "Southern",
    "Strange", "Sunday", "Tender", "Velvet", "Wandering", "Wild", "Wooden",
)

NOUNS = (
    "Anchor", "Angel", "Arrow", "Bell", "Bird", "Bridge", "Canyon", "Castle", "Cloud", "Comet",
    "Crow", "Desert", "Diamond", "Dream", "Drum", "Eagle", "Echo", "Engine", "Falcon", "Feather",
    "Fire", "Flower", "Garden", "Ghost", "Giant", "Harbor", "Horizon", "Horse", "Island", "Jewel",
    "Kingdom", "Lantern", "Machine", "Meadow", "Mirror", "Monk", "Moon", "Mountain", "Ocean",
    "Orchid", "Pilot", "Prophet", "Radio", "Raven", "River", "Rocket", "Rose", "Sailor", "Shadow",
    "Signal", "Sparrow", "Star", "Stone", "Storm", "Sun", "Temple", "Thunder", "Tiger", "Tower",
    "Train", "Valley", "Voyage", "Wave", "Wheel", "Wolf", "Wonder",
)

TITLE_WORDS = (
    "After", "Again", "Alone", "Avenue", "Ballad", "Blues", "Boulevard", "Calling", "Chance",
    "Circle", "City", "Coming", "Dance", "Daylight", "Distance", "Down", "Evening", "Forever",
    "Freedom", "Gold", "Heart", "Heaven", "Highway", "Home", "Honey", "Journey", "Kiss", "Lights",
    "Love", "Memory", "Morning", "Motion", "Night", "Nowhere", "Paradise", "Rain", "Rhythm", "Road",
    "Season", "Serenade", "Sky", "Song", "Soul", "Summer", "Sweet", "Time", "Tomorrow", "Twilight",
    "Walk", "Water", "Winter", "World", "Yesterday", "Zero",
)

LABEL_WORDS = (
    "Apex", "Arcadia", "Bluebird", "Brass", "Cascade", "Cobalt", "Compass", "Cornerstone", "Delta",
    "Elm", "Emerald", "Empire", "Fable", "Foghorn", "Gemstone", "Granite", "Halcyon", "Harvest",
    "Horizon", "Keystone", "Lighthouse", "Liberty", "Magnolia", "Meridian", "Monarch", "Nautilus",
    "Oakwood", "Orbit", "Paragon", "Pinnacle", "Prism", "Quarry", "Redwood", "Riverside", "Saturn",
    "Sequoia", "Skyline", "Sterling", "Summit", "Tidewater", "Topaz", "Union", "Vanguard", "Vista",
    "Willow", "Zenith",
)

LABEL_SUFFIXES = ("Records", "Recordings", "Music", "Sound", "Records", "Disques", "Schallplatten")

# Reissue houses press later versions of many masters.
REISSUE_LABEL_NAMES = (
    "Second Spin Reissues", "Audiophile Archive", "Heavyweight Classics", "Back To Wax",
    "Remastered Originals", "Deep Groove Editions",
)

GENRE_STYLES: dict[str, tuple[str, ...]] = {
    "Rock": (
        "Psychedelic Rock",
        "Prog Rock",
        "Hard Rock",
        "Folk Rock",
        "Garage Rock",
        "Punk",
        "New Wave",
        "Indie Rock",
        "Post-Punk",
        "Krautrock",
        "Blues Rock",
    ),
    "Jazz": ("Hard Bop", "Modal", "Cool Jazz", "Soul-Jazz", "Free Jazz", "Fusion", "Bossa Nova"),
    "Electronic": ("House", "Techno", "Synth-pop", "Ambient", "Disco", "Electro", "Downtempo"),
    "Funk / Soul": ("Soul", "Funk", "Rhythm & Blues", "Northern Soul", "Gospel"),
    "Hip Hop": ("Boom Bap", "Conscious", "Jazzy Hip-Hop", "Instrumental"),
    "Pop": ("Ballad", "Vocal", "Chanson", "Europop"),
    "Folk, World, & Country": ("Folk", "Country", "Bluegrass", "Afrobeat", "Highlife"),
    "Reggae": ("Roots Reggae", "Dub", "Ska", "Rocksteady"),
    "Classical": ("Baroque", "Romantic", "Modern", "Contemporary"),
    "Blues": ("Chicago Blues", "Delta Blues", "Electric Blues"),
}

GENRE_WEIGHTS: dict[str, float] = {
    "Rock": 30, "Jazz": 14, "Electronic": 14, "Funk / Soul": 12, "Hip Hop": 6, "Pop": 8,
    "Folk, World, & Country": 6, "Reggae": 4, "Classical": 3, "Blues": 3,
}

# Countries of release as Discogs writes them, with how often pressings come from each.
RELEASE_COUNTRIES: dict[str, float] = {
    "US": 34, "UK": 20, "Germany": 10, "Europe": 9, "France": 5, "Japan": 6, "Netherlands": 4,
    "Italy": 3, "Canada": 3, "Spain": 2, "Sweden": 1.5, "Australia": 1.5, "UK & Europe": 1,
}

# Seller countries: ISO code, the name Discogs puts in `ships_from`, currency, shipping zone.
SELLER_COUNTRIES: tuple[tuple[str, str, str, str, float], ...] = (
    ("US", "United States", "USD", "NA", 34.0),
    ("GB", "United Kingdom", "GBP", "UK", 15.0),
    ("DE", "Germany", "EUR", "EU", 15.0),
    ("FR", "France", "EUR", "EU", 5.0),
    ("NL", "Netherlands", "EUR", "EU", 5.0),
    ("JP", "Japan", "JPY", "AS", 5.0),
    ("IT", "Italy", "EUR", "EU", 4.0),
    ("CA", "Canada", "CAD", "NA", 4.0),
    ("ES", "Spain", "EUR", "EU", 3.0),
    ("SE", "Sweden", "SEK", "EU", 3.0),
    ("AU", "Australia", "AUD", "OC", 3.0),
    ("BE", "Belgium", "EUR", "EU", 2.0),
    ("CH", "Switzerland", "CHF", "EU", 1.0),
)

COUNTRY_NAMES = {
    "US": "United States", "GB": "United Kingdom", "DE": "Germany", "FR": "France",
    "NL": "Netherlands", "JP": "Japan", "IT": "Italy", "CA": "Canada", "ES": "Spain",
    "SE": "Sweden", "AU": "Australia", "BE": "Belgium", "CH": "Switzerland",
}

COUNTRY_CURRENCY = {
    "US": "USD", "GB": "GBP", "DE": "EUR", "FR": "EUR", "NL": "EUR", "JP": "JPY", "IT": "EUR",
    "CA": "CAD", "ES": "EUR", "SE": "SEK", "AU": "AUD", "BE": "EUR", "CH": "CHF",
}

COUNTRY_ZONE = {
    "US": "NA", "GB": "UK", "DE": "EU", "FR": "EU", "NL": "EU", "JP": "AS", "IT": "EU", "CA": "NA",
    "ES": "EU", "SE": "EU", "AU": "OC", "BE": "EU", "CH": "EU",
}

SHOP_WORDS = (
    "Groove", "Vinyl", "Wax", "Spin", "Needle", "Platter", "Crate", "Record", "Sleeve", "Stylus",
    "Disc", "Turntable", "Shellac", "Side", "Track", "Deadwax", "Tone", "Sound",
)

SHOP_SUFFIXES = (
    "Vault", "Attic", "Den", "Depot", "Exchange", "Emporium", "Hunters", "Shack", "House", "Corner",
    "Collective", "Traders", "Archive", "Bazaar", "Garage", "Cellar",
)

LISTING_COMMENTS = (
    "", "", "", "Plays great, light surface marks.", "Sleeve has minor ring wear.",
    "Original inner sleeve included.", "Cleaned on a VPI machine.", "Hype sticker on shrink.",
    "Small seam split at bottom.", "Price sticker on cover.", "Still in shrink.",
    "Writing on label.", "Includes insert.", "Corner ding, otherwise clean.",
    "Combined shipping available.", "Promo stamp on back cover.",
)

WANT_NOTES = ("", "", "", "", "Any pressing OK", "Original only", "Max $40", "Upgrade my VG copy")
# fmt: on
