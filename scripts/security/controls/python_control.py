# Must-flag control for scripts/security/semgrep.yml: every rule finds something here.
# Never imported; kept out of the application's packages.
import logging

from django.utils.safestring import mark_safe

log = logging.getLogger(__name__)


def leaky_view(request, cursor, scope, report, secret, Report):
    address = request.META["REMOTE_ADDR"]
    agent = request.META.get("HTTP_USER_AGENT", "")
    client = scope["client"]
    cursor.execute(f"SELECT * FROM reports WHERE reference = '{request.GET['r']}'")
    html = mark_safe(report.description)
    log.warning("report %s", report.description)
    log.info("receipt %s", secret)
    return address, agent, client, html
