from django.db import migrations


class Migration(migrations.Migration):
    """The alumni's "current position" now lives on their last stint, as its destination (0003)."""

    dependencies = [("people", "0003_memberships_from_people")]

    operations = [
            migrations.RemoveField(
                model_name='person',
                name='current_position',
            ),
            migrations.RemoveField(
                model_name='person',
                name='current_position_en',
            ),
            migrations.RemoveField(
                model_name='person',
                name='current_position_zh_hans',
            ),
    ]
