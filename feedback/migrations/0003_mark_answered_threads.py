"""Mark the threads that show an official answer given before threads kept the mark."""

from django.db import migrations
from django.db.models import Q


def mark(apps, schema_editor):
    Insight = apps.get_model("feedback", "Insight")
    Thread = apps.get_model("community", "Thread")
    answered = Insight.objects.filter(responses__isnull=False)
    Thread.objects.filter(
        Q(posts__insight_link__insight__in=answered)
        | Q(posts__insight_link__insight__merged_into__in=answered)
    ).update(has_official_answer=True)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_search"),
        ("feedback", "0002_seed_feedback_kinds"),
    ]

    # Undoing leaves the marks: the answers are still there.
    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
