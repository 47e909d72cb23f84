from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo community, the seed commands and their content; last in INSTALLED_APPS.

    The only app that may import every other one: no app imports it.
    """

    name = "demo"
    verbose_name = "Demo"
