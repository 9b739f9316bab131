from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Team


class TeamViewSet(ModelViewSet):
    """Administrators create teams, add members and choose leads in the admin."""

    model = Team
    icon = "group"
    menu_label = "Teams"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "area"]
    search_fields = ["name", "area"]


@hooks.register("register_admin_viewset")
def register_team_viewset():
    return TeamViewSet("team_admin")
