"""Editors' story decisions: split articles off into a story of their own, merge stories.

Each decision is recorded (StoryDecision). Nothing undoes one: aggregation only decides the
story of a new entry (it never moves an article that is in a story), and the lead flag and
lists follow from the new membership at once (database triggers, migration 0009_stories).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Article, Story, StoryDecision


def story_split(*, story: Story, articles, by) -> Story:
    """Move `articles` (some of `story`'s) into a new story of their own; return it."""
    ids = sorted({a.pk for a in articles})
    if not ids:
        raise ValidationError("Choose the articles to split off.")
    with transaction.atomic():
        members = set(
            Article.objects.select_for_update().filter(story=story).values_list("pk", flat=True)
        )
        if not set(ids) <= members:
            raise ValidationError("Those articles are not (or no longer) in this story.")
        if set(ids) == members:
            raise ValidationError("Splitting off every article would leave the story empty.")
        new = Story.objects.create(key=uuid.uuid4().hex, first_seen_at=timezone.now())
        Article.objects.filter(pk__in=ids).update(story=new)
        StoryDecision.objects.create(
            action=StoryDecision.Action.SPLIT,
            story=new,
            from_story_key=story.key,
            article_ids=ids,
            by=by,
        )
    return new


def story_merge(*, stories, by) -> Story:
    """Merge `stories` into the oldest of them; return it."""
    stories = sorted({s.pk: s for s in stories}.values(), key=lambda s: (s.first_seen_at, s.pk))
    if len(stories) < 2:
        raise ValidationError("Choose at least two stories to merge.")
    target, others = stories[0], stories[1:]
    with transaction.atomic():
        for other in others:
            ids = list(Article.objects.filter(story=other).values_list("pk", flat=True))
            Article.objects.filter(pk__in=ids).update(story=target)
            StoryDecision.objects.create(
                action=StoryDecision.Action.MERGE,
                story=target,
                from_story_key=other.key,
                article_ids=ids,
                by=by,
            )
            StoryDecision.objects.filter(story=other).update(story=target)
            other.delete()
    return target
