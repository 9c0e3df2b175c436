"""Agent console of the live chat (issue 5)."""

from django.urls import path

from vigie.web.backoffice.chat import views

app_name = "console"

urlpatterns = [
    path("", views.console, name="console"),
    path("<uuid:public_id>/", views.conversation, name="conversation"),
    path("<uuid:public_id>/prendre/", views.take, name="take"),
    path("<uuid:public_id>/repondre/", views.reply, name="reply"),
    path("<uuid:public_id>/cloturer/", views.close, name="close"),
    path("<uuid:public_id>/transmettre/", views.hand_over, name="hand_over"),
    path("<uuid:public_id>/signalement/", views.to_report, name="to_report"),
    path("reponses-types/", views.canned_replies, name="canned_replies"),
    path("reponses-types/<int:reply_id>/", views.canned_replies, name="canned_reply"),
    path(
        "reponses-types/<int:reply_id>/supprimer/",
        views.delete_canned_reply,
        name="delete_canned_reply",
    ),
]
