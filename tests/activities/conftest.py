from tests.api.conftest import api, staff_api  # noqa: F401 (the API tests' clients)
