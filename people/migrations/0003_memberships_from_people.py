from django.db import migrations


def memberships_from_people(apps, schema_editor):
    """Each person's one role and joined/left dates become one stint, their current position its
    destination: the role and dates the person had derive from it unchanged."""
    Person = apps.get_model("people", "Person")
    Membership = apps.get_model("people", "Membership")
    stints = [
        Membership(
            person_id=person.pk,
            role=person.role,
            start_on=person.joined_on,
            start_precision="day",
            end_on=person.left_on,
            end_precision="day",
            destination=person.current_position or "",
            destination_en=person.current_position_en,
            destination_zh_hans=person.current_position_zh_hans,
        )
        for person in Person.objects.all().iterator()
    ]
    Membership.objects.bulk_create(stints, batch_size=1000)


def people_from_memberships(apps, schema_editor):
    """Back to one current position per person: the last destination of their stints."""
    Person = apps.get_model("people", "Person")
    Membership = apps.get_model("people", "Membership")
    for stint in Membership.objects.exclude(destination="").order_by("person_id", "pk"):
        Person.objects.filter(pk=stint.person_id).update(
            current_position=stint.destination,
            current_position_en=stint.destination_en,
            current_position_zh_hans=stint.destination_zh_hans,
        )
    Membership.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0002_memberships_supervision_honours")]

    operations = [migrations.RunPython(memberships_from_people, people_from_memberships)]
