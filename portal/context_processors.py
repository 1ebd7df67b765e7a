from .models import Lab


def lab(request):
    return {"lab": Lab.load()}
