"""The task queue classes the settings choose: Huey's own, carrying the request id.

A task enqueued during a request gets that request's id appended to its task id; while a
consumer executes it, that id is the current one, so every log line about the task
(Huey's "Executing …" and "… executed in" included) carries it.
"""

import huey

from . import requestid


class RequestIdQueueMixin:
    def enqueue(self, task):
        if isinstance(task, huey.api.Task) and not isinstance(task, huey.api.PeriodicTask):
            task.id = requestid.task_id_with_request(task.id)
        return super().enqueue(task)

    def execute(self, task, timestamp=None):
        request_id = requestid.request_of_task_id(task.id)
        if not request_id:
            return super().execute(task, timestamp)
        token = requestid.activate(request_id)
        try:
            return super().execute(task, timestamp)
        finally:
            requestid.deactivate(token)


class SqliteHuey(RequestIdQueueMixin, huey.SqliteHuey):
    pass


class RedisExpireHuey(RequestIdQueueMixin, huey.RedisExpireHuey):
    pass
