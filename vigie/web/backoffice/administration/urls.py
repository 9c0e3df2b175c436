"""The administration, mounted under `administration/` (vigie.web.backoffice.administration)."""

from django.urls import path

from vigie.web.backoffice.administration.views import agents, audit, cells, keys, retention

app_name = "administration"

urlpatterns = [
    path("", cells.home, name="home"),
    path("departements/", cells.departements, name="departements"),
    path("cellules/nouvelle/", cells.create_cell, name="create_cell"),
    path("cellules/<str:code>/", cells.edit_cell, name="cell"),
    path("cellules/<str:code>/activation/", cells.cell_activation, name="cell_activation"),
    path("unites/", cells.units, name="units"),
    path("unites/nouvelle/", cells.create_unit, name="create_unit"),
    path("unites/<uuid:public_id>/", cells.edit_unit, name="unit"),
    path("unites/<uuid:public_id>/activation/", cells.unit_activation, name="unit_activation"),
    path("agents/", agents.agents, name="agents"),
    path("agents/nouveau/", agents.create_agent, name="create_agent"),
    path("agents/<str:username>/", agents.agent_detail, name="agent"),
    path("agents/<str:username>/activation/", agents.agent_activation, name="agent_activation"),
    path(
        "agents/<str:username>/second-facteur/",
        agents.reset_second_factor,
        name="reset_second_factor",
    ),
    path("agents/<str:username>/deblocage/", agents.unlock, name="unlock"),
    path("agents/<str:username>/lien/", agents.enrolment_link, name="enrolment_link"),
    path("conservation/", retention.retention, name="retention"),
    path("cles/", keys.keys, name="keys"),
    path("cles/rotation/", keys.rotate, name="rotate_key"),
    path("journal/", audit.audit_log, name="audit_log"),
]
