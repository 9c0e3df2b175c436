from django.template import Context, Template


def test_an_identifier_is_kept_on_one_line_and_escaped() -> None:
    template = Template(
        "{% load i18n text_tags %}"
        "{% blocktranslate with label=value|unbroken %}"
        "Transmission {{ label }}{% endblocktranslate %}"
    )
    shown = template.render(Context({"value": "T-7KQ2<b>"}))
    assert shown == 'Transmission <span class="vigie-nowrap">T-7KQ2&lt;b&gt;</span>'
