"""The task queue classes the settings choose: Huey's own, carrying the request id.

A task enqueued during a request gets that request's id appended to its task id; when a
consumer executes it, the id is made current for the task's log lines (and restored after,
which matters when tasks run inline in the tests).
"""

import huey
from huey import signals

from . import requestid

_FINISHED = (
    signals.SIGNAL_COMPLETE,
    signals.SIGNAL_ERROR,
    signals.SIGNAL_CANCELED,
    signals.SIGNAL_INTERRUPTED,
    signals.SIGNAL_LOCKED,
    signals.SIGNAL_RATE_LIMITED,
    signals.SIGNAL_TIMEOUT,
)


class RequestIdQueueMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._signal.connect(self._request_id_signal)

    def enqueue(self, task):
        if isinstance(task, huey.api.Task) and not isinstance(task, huey.api.PeriodicTask):
            task.id = requestid.task_id_with_request(task.id)
        return super().enqueue(task)

    @staticmethod
    def _request_id_signal(signal, task, *args, **kwargs):
        if signal == signals.SIGNAL_EXECUTING:
            request_id = requestid.request_of_task_id(task.id)
            if request_id:
                task._request_id_token = requestid.activate(request_id)
        elif signal in _FINISHED:
            token = getattr(task, "_request_id_token", None)
            if token is not None:
                task._request_id_token = None
                requestid.deactivate(token)


class SqliteHuey(RequestIdQueueMixin, huey.SqliteHuey):
    pass


class RedisExpireHuey(RequestIdQueueMixin, huey.RedisExpireHuey):
    pass
