"""``manage.py load_demo``: load the demo community and print its logins."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo community (idempotent) and print the demo logins for every role."

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name.startswith("django") or find_spec(module_name) is None:
                continue
            import_module(module_name).load(stdout=self.stdout)
        from accounts.demo import describe

        self.stdout.write(self.style.SUCCESS("Demo logins (role, e-mail, password):"))
        for role, email, password in describe():
            self.stdout.write(f"  {role:<20} {email:<32} {password}")
