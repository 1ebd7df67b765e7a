import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_api(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("api-editor", password="editor-pass-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def member_api(django_user_model):
    user = django_user_model.objects.create_user("api-member", password="member-pass-123")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client
