"""Import a lab's roster as its "Research Group" page prints it, into people and their stints.

    ## PhD                                   ## 博士研究生
    * Name A (co-supervised, 2025-)          * 张三(联合指导,2025-)
    ## Master                                ## 已毕业
    * Name B (Supervised, 2025-)             * 李四(2024,华为)
    ## Alumni
    * Name A (2025, SJTU)
    * Name C (2024, [A company](https://…))

A role heading (English or Chinese) says the role of the lines under it; an alumni heading says they
have left (with a role heading under it, or a role in the heading, "PhD Alumni", saying which role).
In the parentheses: a year or a range ("2021-2025", "2025-", "2021.09-"), "supervised" or
"co-supervised" (by the roster's supervisor), a degree, and the rest is where an alumnus went.

Names are matched to people as authors are (variants, pinyin, Chinese names); an unknown name becomes a
new person; a person listed twice gets two stints. A stint already stored is recognised (same role
and start, or the one that is still open) and only filled in where it says less than the roster:
importing the same roster again changes nothing.
"""

from .parse import RosterEntry, parse_roster
from .save import import_roster

__all__ = ["RosterEntry", "import_roster", "parse_roster"]
