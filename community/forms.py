"""Input shapes of the forum's pages; the rules live in community.services."""

import re
import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from community.models import Category, ReactionKind, Tag, Thread
from community.search.query import MAX_LENGTH as MAX_QUERY_LENGTH
from community.search.query import parse
from community.selectors import (
    Filters,
    Sort,
    find_filter_author,
    find_filter_tag,
    find_filter_thread,
    visible_categories,
)
from community.slugs import slug_for_tag


class BodyField(forms.CharField):
    """A post body in a textarea; its length limit is the service's (``validate_body``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your post"))
        kwargs.setdefault(
            "help_text", _("Markdown works: **bold**, _italic_, `code`, > quotes, @mentions.")
        )
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        kwargs.setdefault("error_messages", {"required": _("Write something first.")})
        super().__init__(**kwargs)


class SearchQueryField(forms.CharField):
    """A search box: what is typed, read as ``community.search.query`` reads it.

    Cleans to a ``Query``, or ``None`` when blank. What cannot be searched
    (too long, too many terms, no word to look for) is the field's error, with
    the query parser's message, so that a page shows it instead of failing.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Search"))
        # Longer queries are refused by query.parse, which says why; the browser stops there.
        kwargs.setdefault("widget", forms.SearchInput(attrs={"maxlength": MAX_QUERY_LENGTH}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        return parse(text) if text else None


def new_idempotency_key() -> str:
    """Return a fresh random token for a form that writes a post."""
    return secrets.token_urlsafe(24)


class IdempotencyKeyField(forms.CharField):
    """A hidden random token, new on each blank form: the same token sent twice is one
    submit sent twice, and writes one post (``community.services.reply_to_thread``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("initial", new_idempotency_key)
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("empty_value", None)
        super().__init__(**kwargs)


class ThreadForm(forms.Form):
    """A new thread: its title, first post and tags.

    With ``similar_url`` (``community:similar_threads``), typing the title asks
    it (htmx) for threads like it, shown in ``#similar-threads``.
    ``similar_seen`` says that the member was shown similar threads, while
    typing or in answer to sending the form: sent again, it is posted.
    """

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        min_length=3,
        error_messages={
            "required": _("Give the thread a title."),
            "min_length": _("Give the thread a title of at least %(limit_value)d characters."),
        },
    )
    body = BodyField()
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=250,
        help_text=_("Up to five, separated by commas."),
    )
    idempotency_key = IdempotencyKeyField()
    similar_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, similar_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar_url = similar_url
        if similar_url is not None:
            self.fields["title"].widget.attrs.update(
                {
                    "hx-get": similar_url,
                    # A pause in typing, not every key, asks; a newer question replaces one
                    # still on its way, so that an older answer never overwrites it.
                    "hx-trigger": "input changed delay:500ms",
                    "hx-sync": "this:replace",
                    "hx-target": "#similar-threads",
                    "aria-controls": "similar-threads",
                    "autocomplete": "off",
                }
            )

    def clean_tags(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["tags"].split(",") if name.strip()]

    def shown_similar(self) -> "ThreadForm":
        """Return this sent form as it is to be sent again once the member has seen the
        similar threads: ``similar_seen`` set, everything else as typed."""
        data = self.data.copy()
        data["similar_seen"] = "1"
        return type(self)(data, similar_url=self.similar_url)


class ReplyForm(forms.Form):
    """A reply to a thread."""

    body = BodyField(label=_("Your reply"))
    #: A fixed id names the page's token; after an htmx reply, a blank form replaces
    #: the whole form, token included (newer_posts.html).
    idempotency_key = IdempotencyKeyField(
        widget=forms.HiddenInput(attrs={"id": "reply-idempotency-key"})
    )


class EditPostForm(forms.Form):
    """An edit of a post; the title only for a thread's first post."""

    title = forms.CharField(label=_("Title"), max_length=200, min_length=3, required=False)
    body = BodyField()

    def __init__(self, *args, is_first_post: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_first_post:
            self.fields["title"].required = True
        else:
            del self.fields["title"]


class ReactionForm(forms.Form):
    """Which reaction to toggle."""

    kind = forms.ChoiceField(choices=ReactionKind.choices)


class ThreadFlagForm(forms.Form):
    """Lock or unlock, pin or unpin, follow or unfollow: the state wanted."""

    value = forms.TypedChoiceField(choices=[("1", "on"), ("0", "off")], coerce=lambda v: v == "1")


#: Longest piece of a refused filter value repeated in its error message.
SHOWN_LENGTH = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def shown(value: str) -> str:
    """Return ``value`` as an error message may repeat it: control characters
    (NUL included) dropped, cut to ``SHOWN_LENGTH`` characters with "…"."""
    value = _CONTROL.sub("", value)
    return value if len(value) <= SHOWN_LENGTH else value[: SHOWN_LENGTH - 1] + "…"


class UrlCheckbox(forms.CheckboxInput):
    """A checkbox that reads "0", "off", "false" and "no" in a URL as unchecked, as a
    person editing the address means them (Django's reads every non-empty value but
    "false" as checked)."""

    def value_from_datadict(self, data, files, name) -> bool:
        value = data.get(name)
        if isinstance(value, str) and value.strip().lower() in {"0", "off", "false", "no"}:
            return False
        return super().value_from_datadict(data, files, name)


class SearchForm(forms.Form):
    """A search of the forum: the words, the filters and the order, as URL parameters.

    Bind it to ``request.GET`` with the ``viewer``. Once valid, ``cleaned_data``
    holds ``q`` (the words as typed) and ``query`` (their parsed ``Query``, or
    ``None`` for no words yet), and ``filters()`` and ``cleaned_data["sort"]``
    are what ``selectors.search_posts`` takes. A filter naming something that
    does not exist or that the viewer may not see gets the same error, so that
    the answer never tells which.
    """

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        # Longer queries are refused by query.parse, which says why; the browser stops there.
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
        help_text=_(
            'All words must occur. "Quotes" find a phrase, -word leaves out results '
            "with it, OR finds either word."
        ),
    )
    category = forms.CharField(label=_("Category"), required=False, widget=forms.Select)
    tag = forms.CharField(label=_("Tag"), required=False)
    author = forms.CharField(
        label=_("Author"), required=False, help_text=_("Their username, as in @mentions.")
    )
    after = forms.DateField(
        label=_("Posted on or after"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    before = forms.DateField(
        label=_("Posted on or before"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    status = forms.ChoiceField(
        label=_("Questions (Q&A categories)"),
        required=False,
        choices=[
            ("", _("Any")),
            ("solved", _("Solved")),
            ("unsolved", _("Unsolved")),
        ],
    )
    official = forms.BooleanField(
        label=_("Has an official answer"), required=False, widget=UrlCheckbox
    )
    thread = forms.CharField(required=False, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (Sort.RELEVANCE, _("Relevance")),
            (Sort.NEWEST, _("Newest")),
            (Sort.REACTIONS, _("Most reactions")),
        ],
    )

    #: The fields under "Filters" (the words, the order and the thread show apart).
    FILTER_FIELDS = ("category", "tag", "author", "after", "before", "status", "official")

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.categories = {category.slug: category for category in visible_categories(viewer)}
        self.fields["category"].widget.choices = [
            ("", _("All categories")),
            *((slug, category.name) for slug, category in self.categories.items()),
        ]

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        self.cleaned_data["query"] = parse(text) if text else None
        return text

    def clean_category(self) -> Category | None:
        slug = self.cleaned_data["category"]
        if not slug:
            return None
        if slug not in self.categories:
            raise forms.ValidationError(
                _("There is no category “%(value)s” to search in."),
                code="unknown",
                params={"value": shown(slug)},
            )
        return self.categories[slug]

    def clean_tag(self) -> Tag | None:
        # A tag's slug (as its address has it) or its name, as threads show it after a "#".
        name = self.cleaned_data["tag"].removeprefix("#")
        if not name:
            return None
        tag = find_filter_tag(tag_slug=slug_for_tag(name), viewer=self.viewer)
        if tag is None:
            raise forms.ValidationError(
                _("There is no tag “%(value)s” to search in."),
                code="unknown",
                params={"value": shown(name)},
            )
        return tag

    def clean_author(self) -> User | None:
        username = self.cleaned_data["author"].lstrip("@")
        if not username:
            return None
        author = find_filter_author(username=username)
        if author is None:
            raise forms.ValidationError(
                _("There is no member “%(value)s”."),
                code="unknown",
                params={"value": shown(username)},
            )
        return author

    def clean_thread(self) -> Thread | None:
        thread_id = self.cleaned_data["thread"]
        if not thread_id:
            return None
        thread = find_filter_thread(thread_id=thread_id, viewer=self.viewer)
        if thread is None:
            raise forms.ValidationError(
                _("There is no thread numbered %(value)s to search in."),
                code="unknown",
                params={"value": shown(thread_id)},
            )
        return thread

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or Sort.RELEVANCE

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("after"), cleaned.get("before")
        if after and before and after > before:
            self.add_error("before", _("Choose a day on or after the first one."))
        return cleaned

    def filters(self) -> Filters:
        """Return the valid form's filters for ``selectors.search_posts``."""
        status = self.cleaned_data["status"]
        return Filters(
            category=self.cleaned_data["category"],
            tag=self.cleaned_data["tag"],
            author=self.cleaned_data["author"],
            after=self.cleaned_data["after"],
            before=self.cleaned_data["before"],
            solved={"solved": True, "unsolved": False}.get(status),
            official=self.cleaned_data["official"],
            thread=self.cleaned_data["thread"],
        )

    def filter_fields(self) -> list:
        """Return the bound fields shown under "Filters"."""
        return [self[name] for name in self.FILTER_FIELDS]

    def shows_filters(self) -> bool:
        """Return whether the filters are to show open: one is set or refused."""
        return any(self.data.get(name) or self.has_error(name) for name in self.FILTER_FIELDS)

    def page_query(self) -> str:
        """Return the search's parameters as sent, less ``page``: the pages' links add theirs."""
        return self._query_without("page")

    def everywhere_query(self) -> str:
        """Return the search's parameters as sent, less ``page`` and ``thread``: the same
        search in every thread."""
        return self._query_without("page", "thread")

    def _query_without(self, *names: str) -> str:
        data = self.data.copy()
        for name in names:
            data.pop(name, None)
        return data.urlencode()
