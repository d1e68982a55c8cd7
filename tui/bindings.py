"""Key bindings declared with English msgids and shown translated.

Textual merges a class's BINDINGS when the class is created, before the language is chosen,
so descriptions and tooltips are kept as msgids and translated per instance instead.
"""

from dataclasses import replace

from textual.binding import Binding, BindingsMap

from store.lang.i18n import _


def translate(binding: Binding) -> Binding:
    group = binding.group
    return replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
        group=replace(group, description=_(group.description)) if group else None,
    )


def translated(bindings: BindingsMap) -> BindingsMap:
    """A copy of `bindings` whose descriptions and tooltips are in the current language."""
    return BindingsMap.from_keys(
        {key: [translate(b) for b in group] for key, group in bindings.key_to_bindings.items()}
    )


class TranslatedBindings:
    """Mixin for an App, Screen or Widget whose BINDINGS carry English msgids."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._bindings = translated(self._bindings)
