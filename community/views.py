"""Pages of the forum."""

from django.shortcuts import render


def index(request):
    """Show the community's front page."""
    return render(request, "community/index.html")
