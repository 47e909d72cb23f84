"""Accounts: members, their profiles, roles and trust levels; sign-in through django-allauth."""
