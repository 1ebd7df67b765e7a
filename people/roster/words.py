"""The words rosters are written in: role headings, degrees, periods, positions, supervision, and
what is no person at all. Read by the roster parser."""

import re

from portal.imports import MONTHS

from ..models import Degree, Role

# Searched in order on the folded heading: the first that matches gives the role.
ROLE_HEADINGS = [
    (Role.POSTDOC, r"post[- ]?docs?|postdoctoral|博士后"),
    (Role.PI, r"principal investigator|\bpis?\b|负责人"),
    (Role.FACULTY, r"faculty|professors?|teachers?|advisors?|supervisors?|instructors?|教师|教授|老师|导师"),
    (Role.RESEARCHER, r"researchers?|research scientists?|research staff|研究员|科研人员"),
    (Role.PHD, r"ph\.? ?d|doctoral|博士"),
    (Role.MASTER, r"master|\bm\.? ?s\.?\b|\bm\.? ?eng|硕士"),
    (Role.UNDERGRADUATE, r"undergrad|bachelor|\bb\.? ?s\.?\b|本科"),
    (Role.VISITOR, r"visit|访问|访学"),
    (Role.ENGINEER, r"engineers?|工程师"),
    (Role.STAFF, r"\bstaff\b|secretar|administrat|\badmin\b|assistants?$|行政|秘书"),
    ("graduate", r"\bgrad(?:uate)? students?|研究生"),  # PhD or master's: the item may say which
]
ALUMNI_HEADING = re.compile(
    r"alumn|former|graduated|\bpast\b|previous members|已毕业|毕业|校友|往届|离组|曾在", re.I
)
LINK = re.compile(r"^\[([^\]]+)\]\((https?://[^)\s]+)\)$")
ANY_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\s*\)")
OPEN_END = r"present|current|now|today|\.\.\.|…|今|至今"
PERIOD = re.compile(
    r"^(?:since\s+|(?:spring|summer|fall|autumn|winter)\s+)?(\d{4})(?:[./年-](\d{1,2})月?)?\s*"
    rf"(?:(?P<dash>[-–—~至到])\s*(?:(\d{{4}})(?:[./年-](\d{{1,2}})月?)?|{OPEN_END})?)?$",
    re.I,
)
CO_SUPERVISED = re.compile(
    r"^(co-?(supervised|supervisor|supervision|advised|advisor)|jointly supervised|"
    r"联合指导|协助指导|共同指导)(?:\s+(?:with|by)\s+(?P<with>.+))?$",
    re.I,
)
WITH = re.compile(r"^with\s+(?P<with>.+)$", re.I)  # "(Ph.D. in 2023, with L.-M. Rousseau)"
SUPERVISED = re.compile(r"^(supervised|advised|main supervisor|指导)$", re.I)
# A degree or programme ("Ph.D.", "M.Ing.", "Master student"), with the year it began or ended after it:
# "Ph.D. started in 2022", "M.Sc. in 2023", "M.Ing. 2020".
DEGREES = [
    (Degree.DOCTORATE, Role.PHD, r"ph\.? ?d\.?|doctorate|doctoral|博士"),
    (Degree.MASTER, Role.MASTER, r"m\.? ?s\.?|m\.? ?sc\.?|m\.? ?ing\.?|m\.? ?eng\.?|master'?s?|msc|硕士"),
    (
        Degree.BACHELOR,
        Role.UNDERGRADUATE,
        r"b\.? ?s\.?|s\.? ?b\.?|b\.? ?sc\.?|b\.? ?eng\.?|bachelor'?s?|bsc|undergr?a?d\w*|本科|学士",
    ),
]
PROGRAMME = re.compile(
    r"^(?:(?-i:[A-Z]{{2,6}})\s+)?"  # a department's letters before it: "MAE Ph.D"
    r"(?P<what>{})(?:\s+(?:student|candidate|researcher|research assistant|intern|研究生|生))?\.?"
    r"(?:\s*(?P<how>started in|starting in|starts in|since|from|in)?\s*(?P<year>\d{{4}}))?$".format(
        "|".join(f"(?:{pattern})" for _degree, _role, pattern in DEGREES)
    ),
    re.I,
)
ROLE_WORDS = [  # a role named in an item, where no heading says it (or one says it broadly)
    (Role.PI, re.compile(r"^(principal investigator|pi|lab director|group leader|负责人|课题组长)$", re.I)),
    (Role.POSTDOC, re.compile(r"^(post-?doc(toral)?( researcher| fellow)?|博士后)$", re.I)),
    (Role.VISITOR, re.compile(r"^(visiting( scholar| student| researcher)?|visitor|intern|访问学者)$", re.I)),
    (Role.ENGINEER, re.compile(r"^(research )?engineer|工程师$", re.I)),
    (Role.RESEARCHER, re.compile(r"^(research (scientist|fellow|associate)|researcher|研究员)$", re.I)),
]
NOW = re.compile(
    r"(?:^|(?<=[\s.,;]))(?:now|currently|current\s*:)\s*[\s:@]*(?:at\s+|working\s+(?:at|for|in|on)\s+)?"
    r"(?P<where>.+)$",
    re.I,
)
# " - Data scientist at Ivado Labs", not the dash of "2023 - current" or "2019 - 2022"
DASH = re.compile(rf"(?<!\d)\s+[-–—]\s+(?!\d{{4}}\b|(?:{OPEN_END})\b)", re.I)
POSITION = re.compile(
    r"^(?:(?:assistant|associate|full|adjunct|visiting|research|chair|tenured|distinguished|emeritus)\s+)*"
    r"(?:professor|lecturer|(?:doctoral|ph\.? ?d\.?|master'?s?) supervisor|"
    r"research (?:scientist|fellow|associate)|instructor)\b|教授|讲师|研究员|博导|硕导|博士生导师|硕士生导师",
    re.I,
)
MONTH_YEAR = re.compile(rf"(?i)\b({'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s+((?:19|20)\d\d)\b")
FROM_TO = re.compile(r"(?i)^from\s+(.+?)\s+(?:to|until|till)\s+(.+)$")
# "B.E. from Fudan University": where a current member studied before, not where they went
EARLIER_DEGREE = re.compile(
    r"(?i)^(?:b\.? ?e\.?|b\.? ?s\.?c?\.?|b\.? ?eng\.?|m\.? ?s\.?c?\.?|m\.? ?eng\.?|bachelor'?s?|master'?s?|"
    r"ph\.? ?d\.?)(?:\s+degree)?\s+(?:from|at|@|in)\s+\S"
)
PLACEHOLDER = re.compile(
    r"(?i)^(?:to be (?:added|announced|updated)|tb[ad]|coming soon|vacant|open positions?|you\??|your name|"
    r"待定|待补充|待添加|虚位以待|招生中)\W*$"
)
ABBREVIATED = re.compile(r"(?i)\b(?:ltd|inc|co|corp|univ|dept|jr|sr|st|llc|plc|bros|assoc|inst)\.$")
SENTENCE_STOP = re.compile(
    r"(?<!\b[A-Za-z])(?<!\b(?:Dr|Mr|Ms|St|Jr|Sr|Co|vs))(?<!\b(?:Mrs|Inc|Ltd))(?<!\bProf)\.\s+(?=[A-Z])"
)
