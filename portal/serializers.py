"""The backup's serialisation: Django's JSON, with times to the microsecond.

Django's JSON encoder cuts times to milliseconds (ECMA-262's date format); a backup must give back
exactly what it was given. Registered as the `backupjson` format (settings.SERIALIZATION_MODULES).
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = json.Deserializer
