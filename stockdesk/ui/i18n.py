"""The window's language: Qt translators for StockDesk's strings and Qt's own (buttons, wizards).

Switching works at run time: `set_language` swaps the translators (Qt sends every widget a
LanguageChange event) and emits `Translations.changed`; widgets built with `self.tr` pick the new
language up when they are built again, so the app shell rebuilds the main window on that signal
and every dialog opened afterwards speaks the new language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from stockdesk.i18n import describe, translate

# Source checkout: <repo>/resources; PyInstaller bundle: <_internal>/resources (see packaging/).
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
SOURCE_LANGUAGE = "en"


def qm_file(language: str, folder: Path = TRANSLATIONS_DIR) -> Path:
    return folder / f"stockdesk_{language}.qm"


class Translations(QObject):
    """Owns the installed translators; one per application."""

    changed = Signal(str)

    def __init__(self, folder: Path = TRANSLATIONS_DIR) -> None:
        super().__init__()
        self.folder = folder
        self.language = SOURCE_LANGUAGE
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        """Install `language` (English removes every translator); False if its file is missing."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before choosing a language")
        loaded = self._load(language)
        if loaded is None:
            return False
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = loaded
        for translator in loaded:
            app.installTranslator(translator)
        QLocale.setDefault(QLocale(language))  # numbers and dates in spin boxes follow the language
        changed = language != self.language
        self.language = language
        if changed:
            self.changed.emit(language)
        return True

    def _load(self, language: str) -> list[QTranslator] | None:
        if language == SOURCE_LANGUAGE:
            # English is the source; its file holds only the plural forms ("1 alert", "22 alerts").
            plurals = QTranslator(self)
            return [plurals] if plurals.load(str(qm_file(language, self.folder))) else []
        ours = QTranslator(self)
        if not ours.load(str(qm_file(language, self.folder))):
            return None
        qt_own = QTranslator(self)  # QDialogButtonBox, QWizard, context menus of line edits
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        found = qt_own.load(f"qtbase_{language}", qt_folder)
        return [qt_own, ours] if found else [ours]


_translations: Translations | None = None


def translations() -> Translations:
    """The application's Translations object (created on first use)."""
    global _translations
    if _translations is None:
        _translations = Translations()
    return _translations


def set_language(language: str) -> bool:
    """Switch the running application to `language` ("en" or "de")."""
    return translations().apply(language)


def current_language() -> str:
    return translations().language


def say(text: str) -> str:
    """A service's sentence (a `Message`, e.g. a refusal's reason) in the window's language."""
    return translate(text, current_language())


def error_text(error: BaseException) -> str:
    """A refusal as the window shows it: translated by its message id, English if none."""
    return describe(error, current_language())
