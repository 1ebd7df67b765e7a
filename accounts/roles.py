"""Who may do what: the four roles, and every object-level rule, in one place.

A role is a group a lab admin assigns in the admin. The group's model permissions decide what a role
may do at all (the admin's menu, "add" buttons, the API's create); the rules below decide, for one
record, whether this user may view, change, delete or publish it. The admin (querysets, permissions,
read-only fields, autocomplete), the API and the import screens all ask here.

- lab admin: everything, accounts and the lab's profile included (a superuser is one too);
- editor: publishes papers, news, achievements and collections, edits anyone's profile;
- member: edits their own profile and the papers they are an author of; creates papers, news and
  achievements as drafts; their changes to a published paper or news item wait for an editor;
- alumnus: their own profile only.
"""

import rules
from django.db.models import Q, Subquery

from people.models import Person
from publications.models import Authorship

LAB_ADMIN, EDITOR, MEMBER, ALUMNUS = "Lab admin", "Editor", "Member", "Alumnus"
ROLES = [LAB_ADMIN, EDITOR, MEMBER, ALUMNUS]


def group_names(user) -> frozenset:
    """The user's role groups, read once per user object (every check of a request shares it)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_groups", None)
    if cached is None:
        cached = user._portal_groups = frozenset(user.groups.values_list("name", flat=True))
    return cached


@rules.predicate
def is_lab_admin(user):
    return user.is_authenticated and user.is_active and (user.is_superuser or LAB_ADMIN in group_names(user))


@rules.predicate
def is_editor(user):
    return is_lab_admin(user) or EDITOR in group_names(user)


@rules.predicate
def is_member(user):
    return MEMBER in group_names(user)


@rules.predicate
def is_alumnus(user):
    return ALUMNUS in group_names(user)


def role_of(user) -> str:
    """The strongest role the user holds ("" for none)."""
    if is_lab_admin(user):
        return LAB_ADMIN
    if is_editor(user):
        return EDITOR
    return next((role for role in (MEMBER, ALUMNUS) if role in group_names(user)), "")


def own_person_id(user):
    """The id of the Person this account belongs to (None for none), read once per user object."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_portal_person_id"):
        user._portal_person_id = Person.objects.filter(user=user).values_list("pk", flat=True).first()
    return user._portal_person_id


@rules.predicate
def is_own_person(user, person):
    return person is not None and person.pk is not None and person.pk == own_person_id(user)


@rules.predicate
def owns_parent_person(user, row):
    """An alias (or another row of a profile) of the user's own person."""
    return row is not None and row.person_id is not None and row.person_id == own_person_id(user)


@rules.predicate
def is_author(user, publication):
    """The user's person is among the paper's authors, or the user created it."""
    if publication is None or publication.pk is None:
        return False
    if publication.created_by_id is not None and publication.created_by_id == user.pk:
        return True
    person = own_person_id(user)
    return person is not None and publication.authorships.filter(person_id=person).exists()


@rules.predicate
def created_it(user, obj):
    return obj is not None and obj.created_by_id is not None and obj.created_by_id == user.pk


@rules.predicate
def is_draft(user, obj):
    return obj is not None and not obj.is_published


@rules.predicate
def mentions_them(user, news):
    person = own_person_id(user)
    return (
        person is not None
        and news is not None
        and news.pk is not None
        and news.people.filter(pk=person).exists()
    )


@rules.predicate
def among_its_people(user, record):
    """The user's person is among the record's people (a project's members, a talk's speakers, a
    course's teachers, software's authors)."""
    person = own_person_id(user)
    if person is None or record is None or record.pk is None:
        return False
    return getattr(record, ACTIVITY_PEOPLE[record._meta.label_lower]).filter(pk=person).exists()


@rules.predicate
def created_the_job(user, job):
    return job is not None and job.created_by_id == user.pk


may_edit_profile = is_editor | ((is_member | is_alumnus) & is_own_person)
may_edit_paper = is_editor | (is_member & is_author)
may_edit_news = is_editor | (is_member & (created_it | mentions_them))
may_edit_draft = is_editor | (is_member & created_it & is_draft)
may_edit_activity = is_editor | (is_member & (created_it | among_its_people))

# The people a project, a piece of software, a talk or a course names: a member among them edits it.
ACTIVITY_PEOPLE = {
    "activities.project": "people",
    "activities.software": "people",
    "activities.talk": "speakers",
    "activities.course": "teachers",
}

# Object-level rules. Model-level ("may they at all", obj=None) comes from the role's group permissions
# (see ROLE_PERMISSIONS); with an object, Django's model backend answers no, so these decide alone.
RULES = {
    "people.view_person": may_edit_profile,
    "people.change_person": may_edit_profile,
    "people.add_person": is_editor,
    "people.delete_person": is_lab_admin,
    "people.publish_person": is_editor,
    "people.view_personalias": is_editor | owns_parent_person,
    "people.change_personalias": is_editor | owns_parent_person,
    "people.add_personalias": is_editor | owns_parent_person,
    "people.delete_personalias": is_editor | owns_parent_person,
    "publications.view_publication": may_edit_paper,
    "publications.change_publication": may_edit_paper,
    "publications.add_publication": is_editor | is_member,
    "publications.delete_publication": may_edit_draft,
    "publications.publish_publication": is_editor,
    "news.view_newsitem": may_edit_news,
    "news.change_newsitem": may_edit_news,
    "news.add_newsitem": is_editor | is_member,
    "news.delete_newsitem": may_edit_draft,
    "news.publish_newsitem": is_editor,
    "achievements.view_achievement": may_edit_draft,
    "achievements.change_achievement": may_edit_draft,
    "achievements.add_achievement": is_editor | is_member,
    "achievements.delete_achievement": may_edit_draft,
    "achievements.publish_achievement": is_editor,
    **{
        f"{label.replace('.', '.' + action + '_')}": rule
        for label in ACTIVITY_PEOPLE
        for action, rule in (
            ("view", may_edit_activity),
            ("change", may_edit_activity),
            ("add", is_editor | is_member),
            ("delete", may_edit_draft),
            ("publish", is_editor),
        )
    },  # fmt: skip
    # the venue list and research areas are read by members (to link a paper, a profile), not changed
    "publications.view_venue": is_editor | is_member,
    "people.view_researcharea": is_editor | is_member,
    "jobs.view_importjob": is_editor | created_the_job,
    "portal.view_lab": is_editor,
    **{f"portal.{action}_searchsynonyms": is_editor for action in ("view", "change", "add", "delete")},
    "portal.change_lab": is_lab_admin,
}
# Everything else of the content apps: editors (lab admins included); accounts and the lab: lab admins.
EDITOR_APPS = ["people", "publications", "achievements", "news", "activities", "jobs", "accounts"]
ACTIONS = ["view", "change", "add", "delete", "publish"]


def register_rules(models) -> None:
    for model in models:
        label = model._meta.app_label
        for action in ACTIONS:
            name = f"{label}.{action}_{model._meta.model_name}"
            if name in RULES:
                rule = RULES[name]
            elif label in EDITOR_APPS:
                rule = is_editor
            else:
                rule = is_lab_admin
            rules.set_perm(name, rule)


# Fields of a record only editors set, even where a member may change the record (their profile).
EDITOR_ONLY_FIELDS = {"people.person": {"slug", "display_order", "role", "user"}}


def editor_only_fields(user, model) -> set[str]:
    return set() if is_editor(user) else EDITOR_ONLY_FIELDS.get(model._meta.label_lower, set())


# The model permissions each role's group holds (app label → model → actions; "*" for every model).
ROLE_PERMISSIONS = {
    EDITOR: {
        **{app: {"*": ["view", "change", "add", "delete"]} for app in EDITOR_APPS},
        "portal": {"lab": ["view"], "searchsynonyms": ["view", "change", "add", "delete"]},
    },
    MEMBER: {
        "people": {"person": ["view", "change"], "personalias": ["view", "change", "add", "delete"]},
        "publications": {
            "publication": ["view", "change", "add", "delete"],
            "authorship": ["view", "change", "add", "delete"],
            "award": ["view", "change", "add", "delete"],
            "venue": ["view"],
        },
        "jobs": {"importjob": ["view", "add"]},
        "news": {"newsitem": ["view", "change", "add", "delete"]},
        "activities": {
            model: ["view", "change", "add", "delete"] for model in ("project", "software", "talk", "course")
        },
        "achievements": {
            "achievement": ["view", "change", "add", "delete"],
            "achievementlink": ["view", "change", "add", "delete"],
            "achievementfigure": ["view", "change", "add", "delete"],
        },
    },
    ALUMNUS: {
        "people": {"person": ["view", "change"], "personalias": ["view", "change", "add", "delete"]},
    },
}


def sync_roles(**kwargs) -> None:
    """Create the role groups and give them their permissions (after every migrate: new models join)."""
    from django.contrib.auth.models import Group, Permission

    Group.objects.get_or_create(name=LAB_ADMIN)[0].permissions.set(Permission.objects.all())
    for role, apps in ROLE_PERMISSIONS.items():
        wanted = Q(pk__in=[])
        for app, models in apps.items():
            for model, actions in models.items():
                codenames = Q(codename__regex=rf"^({'|'.join(actions)})_")
                if model != "*":
                    codenames &= Q(content_type__model=model)
                wanted |= Q(content_type__app_label=app) & codenames
        Group.objects.get_or_create(name=role)[0].permissions.set(Permission.objects.filter(wanted))


def scope(queryset, user, *, autocomplete: bool = False):
    """The records of `queryset` this user sees in the admin: all for editors; for others, what the
    rules let them change (and, for an autocomplete, every published record as well: linking a paper
    to a co-author or a news item to a paper needs them)."""
    if is_editor(user):
        return queryset
    model = queryset.model
    label = model._meta.label_lower
    person = own_person_id(user)
    mine = Q(pk__in=[])
    if label == "people.person":
        mine = Q(pk=person)
    elif label == "publications.publication" and is_member(user):
        authored = Authorship.objects.filter(person_id=person).values("publication_id")
        mine = Q(pk__in=Subquery(authored)) | Q(created_by=user)
    elif label == "news.newsitem" and is_member(user):
        mine = Q(created_by=user) | Q(pk__in=Subquery(model.people.through.objects.filter(
            person_id=person).values("newsitem_id")))  # fmt: skip
    elif label == "achievements.achievement" and is_member(user):
        mine = Q(created_by=user, is_published=False)
    elif label in ACTIVITY_PEOPLE and is_member(user):
        field = model._meta.get_field(ACTIVITY_PEOPLE[label])
        among = field.remote_field.through.objects.filter(person_id=person).values(field.m2m_field_name())
        mine = Q(created_by=user) | Q(pk__in=Subquery(among))
    elif label == "jobs.importjob":
        mine = Q(created_by=user)
    elif label in ("publications.venue", "people.researcharea") and is_member(user):
        return queryset
    if autocomplete and hasattr(queryset, "public"):
        return queryset.filter(mine | Q(pk__in=Subquery(model.objects.public().values("pk"))))
    return queryset.filter(mine)


def sees_drafts(user) -> bool:
    """Drafts are shown (on the site and in the API) to editors and lab admins, never to visitors; a
    member sees their own drafts in the admin only. An object without groups (the report's renderer,
    told only the audience) is taken at its `is_staff`. The rule portal.visibility asks."""
    if getattr(user, "_writing", False):
        return True  # an API write: which records it reaches is decided by `scope`
    if not getattr(user, "is_staff", False):
        return False
    if not hasattr(user, "groups"):
        return True
    return is_editor(user)


def import_refusal(user, owner, format: str) -> str:
    """Why this user may not run this import ("" when they may): editors import anything; a member
    imports papers into their own list only (no rosters, news, honours or reading lists)."""
    if is_editor(user):
        return ""
    if not (is_member(user) and own_person_id(user)):
        return "Only editors and members with a profile import."
    if format in ("roster", "news", "honors", "collection"):
        return "Members import papers only; rosters, news, honours and reading lists are imported by editors."
    if owner is None or owner.pk != own_person_id(user):
        return "A member imports into their own list only: choose yourself as whose list it is."
    return ""
