"""Built-in figure units: ISO 4217 currencies, percent and ordinals.

Counted nouns ("company", "participant") are declared in the knowledge files
as [[unit]] records, so adding a new kind of count needs no code change.
"""

from __future__ import annotations

PERCENT = "percent"
ORDINAL = "ordinal"

# Active ISO 4217 alphabetic codes.
CURRENCIES = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB
    BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP
    DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF
    IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK
    LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN
    NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND
    TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF
    XPF YER ZAR ZMW ZWG
    """.split()
)

# Symbols we print in front of an amount; other currencies print their code.
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}

BUILTIN = frozenset({PERCENT, ORDINAL}) | CURRENCIES


def is_currency(unit: str) -> bool:
    return unit in CURRENCIES
