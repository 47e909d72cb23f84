"""Seed the feedback kinds; they stay editable afterwards."""

from django.db import migrations

KINDS = [
    ("need", "Need"),
    ("problem", "Problem"),
    ("opportunity", "Opportunity"),
    ("idea", "Idea"),
    ("bug", "Bug"),
    ("praise", "Praise"),
]


def seed(apps, schema_editor):
    FeedbackKind = apps.get_model("feedback", "FeedbackKind")
    for position, (slug, name) in enumerate(KINDS, 1):
        FeedbackKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position * 10}
        )


def unseed(apps, schema_editor):
    apps.get_model("feedback", "FeedbackKind").objects.filter(
        slug__in=[slug for slug, _name in KINDS], insights__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
