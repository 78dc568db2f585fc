"""Words and names for the benchmark generator (benchmarks/generate.py).

A statement draws its nouns, adjectives and verbs from vocabularies with a
Zipf-like distribution: a head of common words written here by hand (the
words of trade, travel, diplomacy and policy), then a long tail of tens of
thousands of rarer word forms coined from syllables, so that a search index
over 100,000 facts holds a realistic number of distinct terms, most of them
rare. Names of people, places, companies and brands are put together from
name parts written here too. Every list in this file was written for this
project. Nothing here depends on the seed of a knowledge base: the same
words, in the same order, every time.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple


def _words(text: str) -> list[str]:
    return list(dict.fromkeys(text.split()))


# The head of each vocabulary, most common first.
NOUNS = _words("""
    cooperation trade countries development investment projects companies economy exports
    partnership relations agreement region border transport energy sides market products goods
    growth talks visit people industry railway logistics freight volume production capacity
    infrastructure imports corridor agriculture grain wheat oil gas pipeline tourism tourists
    visitors flights culture students education exchange technology platform customs route
    routes project company meeting forum delegation dialogue policy plan strategy programme
    initiative ecology environment climate carbon emissions solar wind power electricity grid
    water irrigation farmers harvest livestock meat beef lamb dairy honey fruit vegetables
    apples flour barley sunflower seeds cotton wool textiles steel copper zinc uranium coal
    cement fertiliser machinery equipment vehicles cars trucks buses batteries containers
    wagons trains terminal port warehouse crossing checkpoint highway road bridge tariff quota
    loan bank finance fund yuan tenge currency payments contracts deals memorandum plant
    factory refinery mine deposit field plants factories workers jobs skills training school
    university universities scholarship scholarships language teachers research science
    medicine hospital health doctors vaccine media journalists newspaper film films television
    festival museum heritage exhibition expo fair concert artists sports athletes football
    hotel hotels resort airline airport visa visas embassy consulate ambassador minister
    ministry government parliament officials official leaders president premier governor
    mayor party parties delegates experts scholars entrepreneurs businesses exporters
    importers investors buyers consumers residents citizens friendship neighbours modernisation
    reform reforms connectivity integration security stability prosperity innovation digital
    economy e-commerce software data satellite internet network networks services service
    quality standards safety demand supply prices price value share shares output turnover
    revenue income budget costs savings targets goals results progress opportunities potential
    challenges risks experience practice practices model models tradition history values
    ideas vision future century decade years months weeks days season summer winter spring
    autumn region regions province provinces city cities district districts village villages
    river lake mountains steppe desert valley coast pass gateway hub zone zones park parks
    centre centres office offices branch network office headquarters subsidiary venture
    consortium cluster clusters chain chains supplies shipments cargo tonnes hectares land
    crops orchards greenhouses seeds rice tea noodles bread sugar salt wine beer juice milk
    cheese horses camels sheep cattle poultry eggs fish fisheries forests trees rivers dams
    reservoirs canals wells pipes cables towers stations substations turbines panels mines
    smelters mills looms garments shoes furniture paper glass plastics chemicals medicines
    drugs devices phones computers chips robots drones engines aircraft ships ferries
    """)

ADJECTIVES = _words("""
    new major joint bilateral regional international strategic comprehensive practical green
    digital modern long-term annual local national cross-border economic cultural
    agricultural industrial first largest further closer wider deeper stronger better higher
    lower greater important key main central eastern western northern southern
    high-quality sustainable renewable clean smart open fair mutual friendly traditional
    historic ancient young senior private public state-owned foreign domestic global
    multilateral direct regular daily weekly monthly overseas inland coastal rural urban
    mountain border-area landlocked fast heavy light large small medium-sized innovative
    advanced efficient reliable affordable popular famous well-known special official formal
    informal practical technical scientific medical educational academic creative artistic
    commercial financial legal political social environmental ecological organic fresh
    frozen processed raw refined finished seasonal permanent temporary initial final recent
    current previous next upcoming successful ambitious concrete broad wide narrow steady rapid
    gradual record total combined average
    """)

VERBS = _words("""
    signed opened launched announced agreed discussed reported expected increased reached
    raised doubled exported imported shipped delivered built completed invested financed
    hosted attended visited welcomed praised stressed noted proposed pledged approved adopted
    introduced expanded upgraded connected supplied produced processed sold bought received
    handled carried transported registered recorded promoted supported strengthened deepened
    explored studied trained hired employed planned prepared organised held joined presented
    displayed showcased exhibited tested piloted designed developed created established set
    restored repaired renovated modernised equipped installed commissioned started resumed
    extended renewed simplified eased reduced cut lowered lifted removed allowed enabled
    helped encouraged attracted drew gathered brought united linked matched combined shared
    exchanged discussed reviewed assessed measured counted estimated forecast predicted
    targeted set aside allocated granted awarded offered provided secured won gained earned
    saved spent paid charged priced valued insured guaranteed protected improved boosted
    accelerated advanced deepened widened broadened diversified localised digitised
    """)

COMMON = frozenset(NOUNS + ADJECTIVES + VERBS)

# Tags: lower-case ids, most common first.
TAGS = _words("""
    trade partnership cooperation investment exports imports tourism visa travel dialogue
    policy framing people energy agriculture grain logistics rail transport border customs
    finance money contracts agreements companies consumers expo forum summit delegation visit
    culture education students exchange technology digital environment ecology climate
    carbon planning development infrastructure industry mining oil gas pipeline water
    health media sports heritage cities regions attendance hosts theme record market-share
    prices food meat dairy fruit cotton textiles steel cars automobiles trucks flights
    airlines routes hotels festivals museums language universities research innovation
    e-commerce payments banks loans yuan tenge connectivity corridor freight containers ports
    dry-ports checkpoints highways power solar wind hydropower electricity alignment values
    history modernisation reform social-policy poverty jobs training skills youth women
    farmers harvest livestock fisheries forestry irrigation desert steppe caspian xinjiang
    belt-and-road middle-corridor sco central-asia diplomacy embassies consulates parties
    parliament ministers governors mayors leaders
    """)

# Whole word forms that stand for the same thing in search; each set is used once.
SYNONYMS = [
    ["railway", "railroad", "rail line"],
    ["lorry", "truck"],
    ["tonne", "metric ton"],
    ["freight", "cargo", "shipments"],
    ["dry port", "inland port"],
    ["border crossing", "checkpoint", "crossing point"],
    ["tourist", "traveller", "holidaymaker"],
    ["flight", "air route"],
    ["investment", "capital inflow"],
    ["memorandum", "MoU", "memorandum of understanding"],
    ["deal", "contract", "agreement"],
    ["grain", "cereal"],
    ["wheat", "spring wheat"],
    ["solar", "photovoltaic", "PV"],
    ["wind farm", "wind power plant"],
    ["power grid", "electricity network"],
    ["yuan", "renminbi", "RMB"],
    ["tenge", "KZT"],
    ["ministry", "department"],
    ["delegation", "mission"],
    ["summit", "top-level meeting"],
    ["forum", "conference"],
    ["students", "undergraduates"],
    ["scholarship", "grant", "bursary"],
    ["heritage", "historic sites"],
    ["museum", "gallery"],
    ["modernisation", "modernization"],
    ["organise", "organize"],
    ["fertiliser", "fertilizer"],
    ["programme", "program"],
    ["centre", "center"],
    ["e-commerce", "online retail", "online shopping"],
    ["carbon neutrality", "net zero"],
    ["emissions", "greenhouse gases"],
    ["irrigation", "watering"],
    ["livestock", "cattle", "herds"],
    ["lamb", "mutton"],
    ["container", "box"],
    ["highway", "motorway", "expressway"],
    ["logistics hub", "distribution centre"],
]

MONTHS = _words(
    "January February March April May June July August September October November December"
)
NUMBERS = _words("zero one two three four five six seven eight nine ten eleven twelve")
ORDINALS = _words("""
    first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    """)

# ─── names ──────────────────────────────────────────────────────────────────

KZ_MEN = _words("""
    Arman Nurlan Yerlan Askar Dauren Timur Marat Serik Kairat Bauyrzhan Daniyar Yerzhan
    Azamat Olzhas Galym Bolat Talgat Rustem Zhanibek Kanat Murat Aidos Berik Nurzhan Sanzhar
    Medet Almas Yerbol Dias Ruslan Adil Samat Kuanysh Zhandos Baglan Yesset Alibek Temirlan
    """)
KZ_WOMEN = _words("""
    Madina Aigerim Saule Gulnara Aliya Dana Aizhan Zhanna Kamila Dinara Assel Gaukhar Laura
    Aruzhan Zarina Meruyert Ainur Botagoz Saltanat Akmaral Indira Zhuldyz Ainagul Moldir
    Kuralai Tomiris Aisulu Dilnaz Balzhan Symbat Perizat Elmira
    """)
KZ_ROOTS = _words("""
    Nurgali Shakkali Tokay Kassym Seitkali Zhumabek Ospan Iskak Tuleu Abil Sarsen Beisen
    Akhmet Baimukhan Dzhaksy Yessen Zhaksylyk Kozhakhmet Mukan Nurpeis Omar Rakhim Sadyk
    Tursyn Utep Zhakup Kenzhe Mamyt Orazal Syzdyk Temir Ermek Kurman Tole Uali Amantai
    Kuanysh Bekmurat Seidakhmet Abdrakhman Zhanuzak Musin Kaliakpar Sultanbek Imanbai
    Aitkali Baizhan Duisen Yergali Karim Mukhtar Nurtas Ongar Saparbek Tolegen Zhandarbek
    """)
CN_SURNAMES = _words("""
    Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang
    Song Zheng Xie Han Tang Feng Yu Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng Peng Lu Su
    Jiang Cai Jia Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan Liao
    Zou Xiong Jin Hao Kong Bai Cui Kang Mao Qiu Qin Gu Hou Shao Meng Long Wan Duan Qian
    """)
CN_SYLLABLES = _words("""
    jian guo xiao ming wei hong mei li hua jun ping yan ying lei tao bin hao yu qing feng lan
    jing min hui xin yi chen bo kai rui zhi wen hai bao dong ning xia yun fang jie lin peng
    cheng gang long ting shan song qiang zhen an tai chang de fu wu he bai yang nan bei xi
    hu jiang ling jin rong sheng
    """)
KZ_PLACE_HEADS = _words("""
    Kara Ak Sary Kok Zhana Ust Tal Bai Kyzyl Tas Shu Zhar Kos Esil Kapshag Taldy Shar Alt
    Ken Zhel Orda Sor Bes Uzyn Koktal Ekibas Zhetysu Tobyl Ertis Balkash
    """)
KZ_PLACE_TAILS = _words("kol tau su bulak tobe arka kum zhol dala kent agash bastau sai uzek bel")
PLACE_KINDS = [
    ("district", "District"),
    ("village", "Village"),
    ("river", "River"),
    ("port", "Port"),
    ("industrial park", "Industrial park"),
    ("county", "County"),
    ("town", "Town"),
    ("lake", "Lake"),
    ("dry port", "Inland container port"),
    ("free trade zone", "Free trade zone"),
    ("logistics hub", "Logistics hub"),
]
SECTORS = _words("""
    Logistics Grain Energy Mining Agro Trade Textile Machinery Solar Pharmaceutical
    Construction Railway Transport Investment Tourism Media Education Food Dairy Steel
    Chemical Digital Software Automotive Aviation Water Cotton Tea Meat Fertiliser Cement
    Copper Telecom Film Sports Medical Wind Power Battery Glass Furniture Leather Fruit
    """)
ORG_FORMS = [
    ("{place} {sector} Group", "{nat} {sector_l} company"),
    ("{brand} {sector} Co", "{nat} {sector_l} company"),
    ("{nat} {sector} Association", "Industry association"),
    ("Institute for {sector} Studies", "Research institute"),
    ("{place} {sector} University", "University"),
    ("{brand} {sector} Holdings", "{nat} holding company"),
    ("{place} Chamber of Commerce", "Business chamber"),
    ("{nat} {sector} Export Centre", "Export promotion agency"),
    ("{place} Regional Administration", "Local government"),
]
EVENT_FORMS = [
    ("{nth} {city} {sector} Forum", "Forum held in {city}"),
    ("China-Kazakhstan {sector} Expo", "Trade fair"),
    ("{sector} Investment Conference", "Investment conference"),
    ("Meeting of the China-Kazakhstan {sector} Subcommittee", "Intergovernmental meeting"),
    ("{place} {sector} Festival", "Festival"),
    ("{city} {sector} Business Roundtable", "Business meeting"),
]
PROGRAMME_FORMS = {
    "cn": [
        ("{adj} {sector} Initiative", "Chinese initiative"),
        ("{sector} Action Plan", "Chinese national plan"),
        ("{adj} China", "Chinese national campaign"),
        ("{sector} Going Global programme", "Chinese programme for companies abroad"),
    ],
    "kz": [
        ("{adj} Kazakhstan", "Kazakh national campaign"),
        ("{sector} Development Programme", "Kazakh state programme"),
        ("{place} {sector} Roadmap", "Kazakh regional plan"),
        ("National {sector} Project", "Kazakh national project"),
    ],
}
PROGRAMME_ADJECTIVES = _words("Green Clean Digital Smart Healthy Open Beautiful Bright Fair Safe")
PRODUCT_NOUNS = [
    *"trucks tractors tea flour noodles honey beer chocolate phones drones excavators".split(),
    *"wagons fertiliser textiles carpets apples".split(),
    *["electric buses", "solar panels", "horse milk", "wind turbines", "frozen lamb"],
]
ROLE_TITLES = [
    *"Director Chairman Chairwoman Head Researcher Professor Founder Spokesperson".split(),
    *"Adviser Engineer Farmer Economist Analyst".split(),
    *["Deputy director", "General manager", "Secretary-general", "Vice-president"],
]

# ─── the vocabulary ─────────────────────────────────────────────────────────

ONSETS = "b c d f g h k l m n p r s t v z br ch dr gr pr sh st tr".split()
VOWELS = "a e i o u a e i o".split()
CODAS = ["", "", "", "", "", "n", "r", "l", "s", "t", "m"]
NOUN_ENDINGS = ["", "", "", "s", "ation", "ment", "ity", "er", "ure", "ance", "ism", "age"]
ADJECTIVE_ENDINGS = ["al", "ic", "ive", "ous", "ary", "ian", "able"]
VERB_ENDINGS = ["ed", "ated", "ised"]


class Zipf:
    """Words drawn with probability falling as 1 / (rank + 2.7)^s (Zipf-Mandelbrot)."""

    def __init__(self, words: Sequence[str], s: float = 1.0) -> None:
        self.words = list(words)
        self.cum: list[float] = []
        acc = 0.0
        for rank in range(len(self.words)):
            acc += (rank + 3.7) ** -s
            self.cum.append(acc)

    def pick(self, rng: random.Random) -> str:
        i = bisect(self.cum, rng.random() * self.cum[-1])
        return self.words[min(i, len(self.words) - 1)]


class Vocabulary(NamedTuple):
    nouns: Zipf
    adjectives: Zipf
    verbs: Zipf
    tags: Zipf


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabularies: the hand-written head, then some 76,000 coined word forms."""
    rng = random.Random("sinokaz benchmark vocabulary")
    taken = set(NOUNS) | set(ADJECTIVES) | set(VERBS)

    def root() -> str:
        n = 2 if rng.random() < 0.85 else 3
        return "".join(
            rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(n)
        )

    def coin(endings: list[str], count: int) -> list[str]:
        out: list[str] = []
        while len(out) < count:
            word = root() + rng.choice(endings)
            if word not in taken:
                taken.add(word)
                out.append(word)
        return out

    coined_nouns = coin(NOUN_ENDINGS, 60_000)
    coined_adjectives = coin(ADJECTIVE_ENDINGS, 10_000)
    coined_verbs = coin(VERB_ENDINGS, 6_000)
    return Vocabulary(
        nouns=Zipf(NOUNS + coined_nouns, s=1.15),
        adjectives=Zipf(ADJECTIVES + coined_adjectives, s=1.15),
        verbs=Zipf(VERBS + coined_verbs, s=1.15),
        # Tags stay few: the hand-written ones, then a coined noun now and then.
        tags=Zipf(TAGS + [w for w in coined_nouns[:2000] if len(w) <= 10], s=1.3),
    )


# ─── names ──────────────────────────────────────────────────────────────────


def kazakh_person(rng: random.Random) -> tuple[str, str]:
    """(full name, surname)."""
    woman = rng.random() < 0.45
    given = rng.choice(KZ_WOMEN if woman else KZ_MEN)
    stem = rng.choice(KZ_ROOTS)
    if rng.random() < 0.2:
        surname = stem + ("kyzy" if woman else "uly")
    else:
        surname = stem + ("ev" if stem.endswith("y") else "yev" if stem[-1] in "aeiou" else "ov")
        surname += "a" if woman else ""
    return f"{given} {surname}", surname


def chinese_person(rng: random.Random) -> tuple[str, str]:
    """(full name, surname), the surname first as Chinese names are written."""
    surname = rng.choice(CN_SURNAMES)
    given = "".join(rng.choice(CN_SYLLABLES) for _ in range(1 if rng.random() < 0.3 else 2))
    return f"{surname} {given.capitalize()}", surname


def kazakh_place(rng: random.Random) -> str:
    return rng.choice(KZ_PLACE_HEADS) + rng.choice(KZ_PLACE_TAILS)


def chinese_place(rng: random.Random) -> str:
    return "".join(rng.choice(CN_SYLLABLES) for _ in range(2)).capitalize()


def brand(rng: random.Random) -> str:
    """A company's made-up brand: 'Hengtai', 'Zhanatas'."""
    return chinese_place(rng) if rng.random() < 0.6 else kazakh_place(rng)


def initials(name: str) -> str:
    letters = [w[0] for w in name.replace("-", " ").split() if w[0].isupper()]
    return "".join(letters) if len(letters) >= 2 else ""
