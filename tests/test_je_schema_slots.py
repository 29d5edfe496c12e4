"""Issue 14, "seed-specific schema slots": the JE form's slots named after one form's labels
(`discrete_post_ref`, `lmis_attached`, `notify_of_result`) now have generic names, and the
label as the form words it stays beside the value (`FormValue.label`)."""

from __future__ import annotations

from conftest import SAMPLES

from roleframe.ingest.build import build_document
from roleframe.schema.je_form import ComparatorPost, JEForm, PostDetails

SEED = SAMPLES / "002_je13_factor_matching_form.docx"
OLD_NAMES = {"discrete_post_ref", "lmis_attached", "notify_of_result"}


def test_seed_specific_je_slots_have_generic_names() -> None:
    assert not OLD_NAMES & set(PostDetails.model_fields)
    assert not OLD_NAMES & set(ComparatorPost.model_fields)
    assert {"post_reference", "supporting_documents_attached", "result_recipients"} <= set(
        PostDetails.model_fields
    )
    assert "post_reference" in ComparatorPost.model_fields


def test_seed_specific_je_slots_keep_the_label_as_written() -> None:
    """The form's own wording is kept beside each value, so nothing of the seed is lost."""
    form = build_document(SEED.read_bytes(), SEED.name).content
    assert isinstance(form, JEForm)
    post, comparator = form.post, form.comparator
    assert post.post_reference is not None and post.post_reference.label == "Discrete post ref"
    attached = post.supporting_documents_attached
    assert attached is not None and "LMI" in attached.label and attached.raw == "Yes/No"
    recipients = post.result_recipients
    assert recipients is not None and "notify of result" in recipients.label
    assert recipients.value == "Nilima Ali and Sarah How/Bryan Lavelle and Emily Garnham"
    assert comparator is not None and comparator.post_reference is not None
    assert (comparator.post_reference.label, comparator.post_reference.value) == (
        "Discrete post ref",
        "BC613",
    )
