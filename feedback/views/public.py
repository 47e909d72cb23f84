"""The public status page of a category, and the trackers' inbound webhook."""

import json
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community.selectors import get_category
from feedback import selectors, services, webhooks
from feedback.models import InsightStatus
from web.pagination import paginate

#: Insights per page of a category's public status page.
STATUS_PAGE_SIZE = 30


def status_page(request, category_slug: str):
    """Show the feedback raised in a category and where each piece stands, roadmap-like."""
    category = get_category(category_slug=category_slug, viewer=request.user)
    status = request.GET.get("status", "")
    if status not in InsightStatus.values:
        status = ""
    insights = selectors.list_category_status(category=category, status=status)
    return render(
        request,
        "feedback/status_page.html",
        {
            "category": category,
            "page": paginate(request, insights, STATUS_PAGE_SIZE),
            "status": status,
            "statuses": [(value, label) for value, label in InsightStatus.choices],
            "query": urlencode({"status": status}) if status else "",
        },
    )


@csrf_exempt
@require_POST
def tracker_hook(request, department_slug: str):
    """Apply a tracker's signed status update (and optional public answer) to an insight.

    Refuses (403) a bad signature, a timestamp outside the replay window, and
    a signature seen before within it; 400 for a body that is not a valid update;
    503 while the cache cannot remember signatures (the replay check would be blind).
    """
    department = selectors.get_department_by_slug(department_slug=department_slug)
    refusal = _refuse_unverified(request, department)
    if refusal is not None:
        return refusal
    try:
        payload = json.loads(request.body)
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
        return JsonResponse({"error": ["malformed JSON"]}, status=400)
    try:
        insight = services.apply_tracker_update(department=department, payload=payload)
    except ValidationError as error:
        return JsonResponse({"error": error.messages}, status=400)
    return JsonResponse({"insight": insight.pk, "status": insight.status})


def _refuse_unverified(request, department) -> HttpResponse | None:
    """Return the refusal of a webhook not signed for ``department``, or seen before.

    ``None`` for a webhook to apply: signed, in its time window and new.
    """
    try:
        webhooks.verify_once(
            secret=department.webhook_secret,
            timestamp=request.headers.get("X-Liaison-Timestamp", ""),
            signature=request.headers.get("X-Liaison-Signature", ""),
            body=request.body,
            receiver=department.pk,
        )
    except webhooks.ReplayedRequest:
        return HttpResponseForbidden("replayed request")
    except webhooks.InvalidSignature:
        return HttpResponseForbidden("invalid signature")
    except webhooks.ReplayCheckUnavailable:  # Redis is down: the tracker sends it again
        return HttpResponse("try again later", status=503, headers={"Retry-After": "60"})
    return None
