from django import forms
from django.utils.translation import gettext_lazy as _

from kam.core.forms import StyledFormMixin
from kam.documents.services import FIRST_YEAR, LAST_YEAR


class PackForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
