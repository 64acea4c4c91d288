"""The caseworker's screens: the caseload, the client file and the forms on it."""

from django.urls import path

from .views import (
    agenda,
    bulk,
    capacity,
    caseload,
    client_file,
    contact_details,
    exports,
    handover,
    home,
    imports,
    letters,
    phases,
    referrals,
    report_search,
    trajectories,
    work,
    work_plans,
    work_queue,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("werk/", work_queue.work_queue_page, name="work_queue"),
    path("agenda/", agenda.agenda_page, name="agenda"),
    path("agenda/abonnement/", agenda.feed_create, name="calendar_feed_create"),
    path("agenda/abonnement/intrekken/", agenda.feed_revoke, name="calendar_feed_revoke"),
    path("agenda/<slug:secret>.ics", agenda.feed, name="calendar_feed"),
    path(
        "werk/gesprek/<int:pk>/niet-verschenen/", work_queue.plan_no_show, name="queue_plan_no_show"
    ),
    path("werk/gesprek/<int:pk>/verzetten/", work_queue.plan_move, name="queue_plan_move"),
    path("werk/signaal/<int:pk>/terzijde/", work_queue.signal_dismiss, name="queue_signal_dismiss"),
    path(
        "werk/verwijzing/<int:pk>/nagaan/",
        work_queue.referral_follow_up,
        name="queue_referral_follow_up",
    ),
    path(
        "werk/afspraak/<int:pk>/afgerond/", work_queue.agreement_done, name="queue_agreement_done"
    ),
    path("clienten/", caseload.caseload_list, name="caseload"),
    path("clienten/overdracht/", handover.handover, name="handover"),
    path("clienten/selectie/gesprek/", bulk.bulk_plan, name="bulk_plan"),
    path("clienten/selectie/export/", bulk.bulk_export, name="bulk_export"),
    path("clienten/selectie/overdragen/", bulk.bulk_handover, name="bulk_handover"),
    path("clienten/import/", imports.import_page, name="import_clients"),
    path("clienten/import/sjabloon.csv", imports.import_template, name="import_template"),
    path("clienten/<int:pk>/", client_file.client_detail, name="client_detail"),
    path("clienten/<int:pk>/bsn/", client_file.reveal_bsn, name="reveal_bsn"),
    path(
        "clienten/<int:pk>/contactgegevens/",
        contact_details.contact_details,
        name="contact_details",
    ),
    path("clienten/<int:pk>/gesprek/", client_file.log_contact, name="log_contact"),
    path("clienten/<int:pk>/fase/", phases.change_phase, name="change_phase"),
    path("clienten/<int:pk>/arbeidsvermogen/", capacity.work_capacity, name="work_capacity"),
    path("clienten/<int:pk>/vrijstellingen/", phases.exemptions, name="exemptions"),
    path(
        "clienten/<int:pk>/vrijstellingen/contact/",
        phases.add_contact_exemption,
        name="add_contact_exemption",
    ),
    path(
        "clienten/<int:pk>/vrijstellingen/fase/",
        phases.add_phase_exemption,
        name="add_phase_exemption",
    ),
    path("gesprekken/zoeken/", report_search.report_search, name="report_search"),
    path(
        "clienten/<int:pk>/vrijstellingen/contact/<int:exemption_id>/beeindigen/",
        phases.end_contact_exemption,
        name="end_contact_exemption",
    ),
    path(
        "clienten/<int:pk>/vrijstellingen/fase/<int:exemption_id>/beeindigen/",
        phases.end_phase_exemption,
        name="end_phase_exemption",
    ),
    path(
        "gesprekken/export.<slug:kind>",
        exports.export_conversations,
        name="export_conversations",
    ),
    path("clienten/<int:pk>/werkplan/", work_plans.work_plan, name="work_plan"),
    path("clienten/<int:pk>/werkplan/afspreken/", work_plans.agree_plan, name="agree_work_plan"),
    path("clienten/<int:pk>/werkplan/brief.pdf", letters.work_plan_letter, name="work_plan_letter"),
    path(
        "clienten/<int:pk>/werkplan/brief/",
        letters.record_work_plan_letter,
        name="record_work_plan_letter",
    ),
    path("clienten/<int:pk>/trajecten/", trajectories.trajectories, name="trajectories"),
    path("clienten/<int:pk>/werk/nieuw/", work.record_job, name="record_job"),
    path("clienten/<int:pk>/werk/<int:job_id>/einde/", work.end_job, name="end_job"),
    path("clienten/<int:pk>/werk/<int:job_id>/verlengen/", work.renew_job, name="renew_job"),
    path("clienten/<int:pk>/werk/<int:job_id>/voorstel/", work.work_proposal, name="work_proposal"),
    path("clienten/<int:pk>/voorzieningen/nieuw/", work.record_provision, name="record_provision"),
    path(
        "clienten/<int:pk>/doorverwijzingen/nieuw/",
        referrals.record_referral,
        name="record_referral",
    ),
    path(
        "clienten/<int:pk>/doorverwijzingen/<int:referral_id>/nagaan/",
        referrals.follow_up_referral,
        name="follow_up_referral",
    ),
    path(
        "clienten/<int:pk>/voorzieningen/<int:provision_id>/besluit/",
        work.decide_provision,
        name="decide_provision",
    ),
    path(
        "clienten/<int:pk>/afspraken/<int:agreement_id>/status/",
        client_file.agreement_status,
        name="agreement_status",
    ),
    path(
        "clienten/<int:pk>/afspraken/<int:agreement_id>/heropenen/",
        work_plans.reopen,
        name="reopen_agreement",
    ),
    path(
        "clienten/<int:pk>/trajecten/<int:trajectory_id>/<slug:action>/",
        trajectories.trajectory_action,
        name="trajectory_action",
    ),
]
