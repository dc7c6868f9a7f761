"""Issue 11 numbers (session 8): number words read in Thai, Arabic and Hebrew, Vietnamese weekdays,
conversions and roundings that no longer hide a changed figure, and the traps that stay quiet."""
import pytest
from helpers import run_check

NUM = ("NUM001", "NUM002", "NUM003")


def major(source, target, sl, tl):
    """(code, flagged target text) of each major+ NUM flag."""
    out = []
    for code in NUM:
        for f in run_check(code, source, target, sl, tl):
            if f.severity.label in ("major", "critical"):
                sp = [s for s in f.spans if s.side == "target"] or f.spans
                text = (target if sp[0].side == "target" else source)[sp[0].start:sp[0].end]
                out.append((code, text))
    return out


@pytest.mark.parametrize("source,target,sl,tl,t_text", [
    # Thai number words inside unspaced text
    ("จากเรือนจำ Long Lartin : เจ้าหน้าที่หกคนได้รับบาดเจ็บ", "Long Lartin prison: Five officers hurt", "th", "en", "Five"),
    ("ต้องใช้เวลาอย่างน้อยสามวัน", "It will take at least two days.", "th", "en", "two"),
    # Arabic ستة (six), Arabic and Hebrew duals (two years)
    ("وتم علاج ستة ضباط من الإصابات.", "Five members of staff have been treated for injuries.", "ar", "en", "Five"),
    ("حرّر المنقذون سيدة احتُجزت تحت الأنقاض لمدة يومين.", "Rescuers freed a woman pinned under rubble for three days.",
     "ar", "en", "three"),
    ("מאז שרכשה את הרשתות לפני שנתיים.", "Since it bought the chains three years ago.", "he", "en", "three"),
    # 'only four' is not five: a Hebrew five against an English four is a change
    ("הבחירות יתקיימו עוד חמישה שבועות בלבד.", "The elections are only four weeks away.", "he", "en", "four"),
    # Vietnamese weekdays are numbers
    ("Sturridge saved Liverpool on Saturday at Stamford Bridge.",
     "Sturridge đã cứu Liverpool vào thứ Tám tại sân Stamford Bridge.", "en", "vi", "thứ Tám"),
    ("Sturridge saved Liverpool on Saturday at Stamford Bridge.",
     "Sturridge đã cứu Liverpool vào thứ Sáu tại sân Stamford Bridge.", "en", "vi", "thứ Sáu"),
    ("Sturridge đã cứu Liverpool vào Chủ nhật tại sân Stamford Bridge.",
     "Sturridge saved Liverpool on Saturday at Stamford Bridge.", "vi", "en", "Saturday"),
    # a converted figure that renders its own quantity does not excuse a changed one
    ("Donggala stretches along more than 300 km (180 miles) of coastline.",
     "Donggala si estende lungo più di 307 km (180 miglia) di costa.", "en", "it", "307"),
    # a two-digit age is not rounded
    ("West, 41, has been nicknamed Ye for some time.", "West, 40, bir süredir Ye mahlasını kullanıyordu.", "en", "tr", "40"),
    # a century in Roman numerals against another in digits; a three-digit count is not rounded
    ("Le conflit qui éclata au milieu du XVIIe siècle a façonné la nation.",
     "The conflict of the mid 15th century has shaped the nation.", "fr", "en", "15th"),
    ("The death toll has climbed to 832, the agency said.", "Число загиблих зросло до 830, повідомило агентство.",
     "en", "uk", "830"),
    # 'In June' at a sentence start is a month
    ("In June it was reported that the governor received treatment.", "4월에 교도소장이 병원 치료를 받았다는 보고가 있었습니다.",
     "en", "ko", "4"),
])
def test_changed_number_is_major(source, target, sl, tl, t_text):
    assert ("NUM003", t_text) in major(source, target, sl, tl)


@pytest.mark.parametrize("source,target,sl,tl", [
    ("จากเรือนจำ Long Lartin : เจ้าหน้าที่หกคนได้รับบาดเจ็บ", "Long Lartin prison: Six officers hurt", "th", "en"),
    ("เขาสามารถห้ามเก้าอี้ได้ 6 ตัว", "He could stop 6 chairs.", "th", "en"),
    ("เขาต้องทำงานอย่างเรียบร้อย 2 ครั้ง", "He had to work neatly twice, 2 times.", "th", "en"),
    ("وتم علاج ستة ضباط من الإصابات.", "Six members of staff have been treated for injuries.", "ar", "en"),
    ("حرّر المنقذون سيدة احتُجزت تحت الأنقاض لمدة يومين.", "Rescuers freed a woman pinned under rubble for two days.",
     "ar", "en"),
    ("מאז שרכשה את הרשתות לפני שנתיים.", "Since it bought the chains two years ago.", "he", "en"),
    ("Fourteen people received treatment.", "On dört kişi tedavi gördü.", "en", "tr"),
    ("Fourteen people received treatment.", "Mười bốn người đã được điều trị.", "en", "vi"),
    ("He went to sell 15 pigs at the market.", "그는 돼지 열 다섯 마리를 시장에 팔러 갔다.", "en", "ko"),
    ("Sturridge scored on Saturday for the second time.",
     "Sturridge ghi bàn vào thứ Bảy lần thứ hai.", "en", "vi"),
    ("Within 24 hours, 300 people left the town.", "За сутки город покинули 300 человек.", "en", "ru"),
    ("He was about 30 yards out from the goal.", "Il se trouvait à 27 mètres environ des buts.", "en", "fr"),
    ("The population is 21.7 million.", "La población es de unos 22 millones.", "en", "es"),
    ("In June it was reported that the governor received treatment.", "6월에 교도소장이 병원 치료를 받았다는 보고가 있었습니다.",
     "en", "ko"),
    ("Theresa May said on Friday that 5 ministers resigned.", "Theresa May a déclaré vendredi que 5 ministres avaient démissionné.",
     "en", "fr"),
    ("Telefon 031/433611.", "Téléphone 031/43 36 11.", "de", "fr"),
    ("Le conflit qui éclata au milieu du XVIIe siècle a façonné la nation.",
     "The conflict of the mid 17th century has shaped the nation.", "fr", "en"),
    ("The town had 1,997 inhabitants.", "La ciudad tenía casi 2.000 habitantes.", "en", "es"),
])
def test_traps_stay_quiet(source, target, sl, tl):
    assert major(source, target, sl, tl) == []
