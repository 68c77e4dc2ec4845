"""Sample texts for the benches and fixture generators: short paragraphs written for this
project (Japanese, Korean, French, German) plus the acceptance articles (Chinese).

The Chinese samples are the acceptance `expected/` files: real simplified (000, 003, 004)
and traditional (001, 002) articles.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = ROOT / "fixtures" / "acceptance"

JAPANESE = (
    "今日は朝から雨が降っていたので、駅まで歩くのをやめてバスに乗りました。"
    "会社に着くと、会議の資料がまだできていないことに気がつきました。"
    "急いで準備をして、午後の打ち合わせには何とか間に合いました。"
    "夕方には雨も上がり、帰りは公園を通って少し散歩をしました。"
    "日本の文化や歴史について、子供たちにわかりやすく説明する本を読んでいます。"
    "新しい技術の開発には時間がかかりますが、みんなで協力して進めていきたいと思います。"
)

KOREAN = (
    "오늘은 아침부터 비가 내려서 우산을 들고 학교에 갔습니다. "
    "수업이 끝난 후에 친구들과 함께 도서관에서 공부를 했습니다. "
    "저녁에는 가족과 함께 맛있는 음식을 먹으면서 이야기를 나누었습니다. "
    "한국의 역사와 문화에 대해 더 많이 알고 싶어서 책을 읽고 있습니다. "
    "새로운 기술을 개발하는 데에는 시간이 걸리지만 모두가 협력하면 가능합니다. "
    "내일은 날씨가 좋아진다고 하니 공원에 산책을 가려고 합니다."
)

FRENCH = (
    "L'été dernier, nous avons passé nos vacances à côté de la mer, près d'un petit village "
    "où les habitants préparaient chaque matin du pain frais et des crêpes. Le château, "
    "construit au XIIe siècle, domine la baie ; on y accède par un escalier étroit. "
    "À la fin du séjour, les élèves ont écrit un récit de leurs découvertes."
)

GERMAN = (
    "Die Größe der Straße überrascht viele Besucher. Äpfel und Öl werden auf dem Markt "
    "verkauft, und die Bäckerei öffnet schon früh. Übrigens heißt es, dass die Brücke "
    "im Frühling renoviert wird."
)


def chinese() -> dict[str, str]:
    """The acceptance expected articles by name: simplified and traditional."""
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((ACCEPTANCE / "expected").glob("*.txt"))
    }


SIMPLIFIED = ("000", "003", "004")
TRADITIONAL = ("001", "002")
