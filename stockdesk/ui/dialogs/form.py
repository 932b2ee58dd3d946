"""A dialog with a form whose Save runs a service and shows refusals next to the field named."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import InsufficientStock, StockDeskError, ValidationError
from stockdesk.ui.formatting import field_label, format_quantity
from stockdesk.ui.i18n import error_text, say

ERROR_STYLE = "color: #b00020;"


def describe_error(error: ValidationError, label: str = "") -> str:
    """`Sell price "12,5O" is not a number`: the field, what was typed and why it was refused."""
    value = "" if error.value is None else str(error.value)
    secret = set(value) == {"•"}  # a masked password says nothing useful
    shown = f' "{value}"' if value and len(value) <= 40 and not secret else ""
    return f"{label or field_label(error.field)}{shown} {say(error.reason)}"


def _number(value: object) -> str:
    return format_quantity(value) if isinstance(value, Decimal) else str(value)


class FormDialog(QDialog):
    """Subclasses build rows with `add_row` and implement `submit`; `accept` keeps input on refusal."""

    def __init__(self, title: str, parent: QWidget | None = None, *, ok_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.general_error = self._error_label(wrap=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        self._aliases: dict[str, str] = {}
        self._labels: dict[str, str] = {}

    def _error_label(self, *, wrap: bool = False) -> QLabel:
        # Field errors stay on one line: a wrapped label under-reports its height to the form.
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(wrap)
        label.hide()
        return label

    def add_row(self, field: str, label: str, widget: QWidget, *aliases: str) -> QWidget:
        """A labelled input with room for an error under it; `aliases` are other service names for it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = self._error_label()
        column.addWidget(error)
        self.form.addRow(label, box)
        self._errors[field] = error
        self._inputs[field] = widget
        self._labels[field] = label
        for alias in aliases:
            self._aliases[alias] = field
        return widget

    def error_text(self, field: str) -> str:
        """The refusal shown under `field` ("" when none), for tests and screen readers."""
        label = self._errors.get(self._aliases.get(field, field))
        return label.text() if label is not None and not label.isHidden() else ""

    def general_error_text(self) -> str:
        return self.general_error.text() if not self.general_error.isHidden() else ""

    def clear_errors(self) -> None:
        for label in (*self._errors.values(), self.general_error):
            label.clear()
            label.hide()

    def show_field_error(self, field: str, message: str) -> None:
        """Show `message` under the field (or at the bottom if the form has no such field)."""
        name = self._aliases.get(field, field)
        label = self._errors.get(name, self.general_error)
        label.setText(message)
        label.show()
        self._grow_to_fit()
        widget = self._inputs.get(name)
        if widget is not None:
            widget.setFocus()

    def _grow_to_fit(self) -> None:
        layout = self.layout()
        layout.activate()
        wanted = layout.sizeHint()
        if self.height() < wanted.height() or self.width() < wanted.width():
            self.resize(max(self.width(), wanted.width()), max(self.height(), wanted.height()))

    def show_error(self, error: StockDeskError) -> None:
        if isinstance(error, ValidationError):
            label = self._labels.get(self._aliases.get(error.field, error.field), "")
            self.show_field_error(error.field, describe_error(error, label))
        elif isinstance(error, InsufficientStock):
            self.show_field_error(
                "quantity",
                self.tr("Only {0} on hand in {1} ({2} asked for)").format(
                    _number(error.on_hand), error.store, _number(error.requested)
                ),
            )
        else:
            self.show_field_error("", error_text(error))

    def submit(self) -> None:
        """Call the service; raise a StockDeskError to refuse and keep the dialog open."""
        raise NotImplementedError

    def accept(self) -> None:
        """Run `submit`; close only if the service took the input."""
        self.clear_errors()
        try:
            self.submit()
        except StockDeskError as error:
            self.show_error(error)
            return
        super().accept()
