"""Pengaturan: general settings, the office's details, users, the audit log, backups, rules.

Tabs the signed-in role may not use are not shown (``actor.can``).
"""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import common, theme


class SettingsPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        from kemensos_desk.ui.pages.settings.audit import AuditTab
        from kemensos_desk.ui.pages.settings.backup import BackupTab
        from kemensos_desk.ui.pages.settings.general import GeneralTab
        from kemensos_desk.ui.pages.settings.office import OfficeTab
        from kemensos_desk.ui.pages.settings.rules import RulesTab
        from kemensos_desk.ui.pages.settings.users import UsersTab

        self.ctx = ctx
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 26, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(common.heading(tr("Pengaturan")))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self.tab_widgets: dict[str, QWidget] = {}
        entries = [("general", tr("Umum"), "umum", GeneralTab, None),
                   ("office", tr("Kantor"), "kantor", OfficeTab, None),
                   ("users", tr("Pengguna"), "pengguna", UsersTab, "users.manage"),
                   ("audit", tr("Log Audit"), "audit", AuditTab, "audit.read"),
                   ("backup", tr("Cadangan"), "cadangan", BackupTab, "backup"),
                   ("rules", tr("Aturan"), "perisai", RulesTab, None)]
        for key, title, icon_name, cls, permission in entries:
            if permission and not ctx.actor.can(permission):
                continue
            widget = cls(ctx)
            self.tab_widgets[key] = widget
            self.tabs.addTab(widget, theme.icon(icon_name, theme.PRIMARY), title)
        layout.addWidget(self.tabs, 1)

    def show_tab(self, key: str) -> QWidget:
        widget = self.tab_widgets[key]
        self.tabs.setCurrentWidget(widget)
        return widget


def create_page(ctx) -> QWidget:
    return SettingsPage(ctx)
