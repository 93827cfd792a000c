"""The topic categories of appeals and their groups (docs/domain.md, "Topic categories"), with Russian labels."""
from __future__ import annotations

CATEGORY_LABELS: dict[str, str] = {
    "roads": "Дороги",
    "yards": "Дворы",
    "greening": "Озеленение",
    "lighting": "Уличное освещение",
    "snow": "Уборка снега",
    "waste": "Мусор",
    "schools": "Школы",
    "kindergartens": "Детские сады",
    "healthcare": "Здравоохранение",
    "benefits": "Льготы и выплаты",
    "housing": "Жильё",
    "water": "Водоснабжение и канализация",
    "heating": "Отопление и горячая вода",
    "electricity": "Электроснабжение",
    "management_company": "Управляющие компании",
    "public_transport": "Общественный транспорт",
    "animals": "Безнадзорные животные",
    "other": "Прочее",
}

CATEGORY_GROUPS: dict[str, str] = {
    "roads": "improvement",
    "yards": "improvement",
    "greening": "improvement",
    "lighting": "improvement",
    "snow": "improvement",
    "waste": "improvement",
    "schools": "social",
    "kindergartens": "social",
    "healthcare": "social",
    "benefits": "social",
    "housing": "social",
    "water": "utilities",
    "heating": "utilities",
    "electricity": "utilities",
    "management_company": "utilities",
    "public_transport": "transport",
    "animals": "other",
    "other": "other",
}

GROUP_LABELS: dict[str, str] = {
    "improvement": "Благоустройство",
    "social": "Социальная сфера",
    "utilities": "ЖКХ",
    "transport": "Транспорт",
    "other": "Прочее",
}
