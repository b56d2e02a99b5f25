from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    ClientToolCallItem,
    CustomSummary,
    CustomTask,
    EndOfTurnItem,
    FileAttachment,
    GeneratedImageItem,
    HiddenContextItem,
    InferenceOptions,
    SDKHiddenContextItem,
    SearchTask,
    StructuredInputAnswer,
    StructuredInputFreeform,
    StructuredInputItem,
    StructuredInputMultipleChoice,
    StructuredInputMultipleChoiceOption,
    TaskItem,
    ThoughtTask,
    URLSource,
    UserMessageItem,
    UserMessageTagContent,
    UserMessageTextContent,
    WidgetItem,
    Workflow,
    WorkflowItem,
)
from chatkit.widgets import Badge, Button, Card, Image, Text, Title

from common.shared_context import ActiveWindow
from server.agent.answer_actions import answer_actions_widget
from server.store import HIGHLIGHT_END, HIGHLIGHT_START
from server.store.item_text import visible_text
from tests.server.store.builders import at

BASE = {"id": "x_1", "thread_id": "thr_1", "created_at": at(0)}


def test_a_user_message_shows_its_quote_text_tags_and_attachment_names() -> None:
    item = UserMessageItem(
        **BASE,
        content=[
            UserMessageTextContent(text="compare these"),
            UserMessageTagContent(id="t", text="@Budget", data={"secret": "not shown"}),
        ],
        attachments=[FileAttachment(id="atc_1", name="q3.xlsx", mime_type="application/x")],
        quoted_text="an earlier line",
        inference_options=InferenceOptions(model="some-model"),
    )

    assert visible_text(item).split("\n") == [
        "an earlier line",
        "compare these",
        "@Budget",
        "q3.xlsx",
    ]


def test_an_assistant_message_shows_its_output_text() -> None:
    item = AssistantMessageItem(
        **BASE,
        content=[AssistantMessageContent(text="first"), AssistantMessageContent(text="second")],
    )

    assert visible_text(item) == "first\nsecond"


def test_hidden_and_textless_items_show_nothing() -> None:
    items = [
        HiddenContextItem(**BASE, content={"text": "for the model only"}),
        SDKHiddenContextItem(**BASE, content="for the SDK only"),
        ClientToolCallItem(**BASE, call_id="c", name="tool", arguments={"q": "arguments"}),
        GeneratedImageItem(**BASE),
        EndOfTurnItem(**BASE),
    ]

    assert [visible_text(item) for item in items] == [""] * len(items)


def test_a_widget_shows_its_text_components_not_its_data() -> None:
    widget = Card(
        children=[
            Title(value="Weather"),
            Text(value="Sunny all day"),
            Badge(label="new"),
            Image(src="https://example.com/not-text.png"),
            Button(label="Refresh", onClickAction=None),
        ]
    )
    item = WidgetItem(**BASE, widget=widget, copy_text="copied")

    assert visible_text(item).split("\n") == ["Weather", "Sunny all day", "new", "Refresh"]


def test_the_copy_and_insert_buttons_under_an_answer_show_nothing() -> None:
    answer = AssistantMessageItem(**BASE, content=[AssistantMessageContent(text="Hello")])
    widget = answer_actions_widget(answer, ActiveWindow("report.odt", "soffice"))
    item = WidgetItem(**BASE, widget=widget)

    # Not words of the conversation: a search for "Copy" or the window's title finds nothing.
    assert visible_text(item) == ""


def test_a_workflow_and_a_task_show_their_titles_and_content() -> None:
    workflow = WorkflowItem(
        **BASE,
        workflow=Workflow(
            type="custom",
            summary=CustomSummary(title="Planned the trip"),
            tasks=[
                ThoughtTask(title="Thinking", content="compare trains"),
                SearchTask(
                    title_query="train times",
                    sources=[URLSource(title="Timetable", url="https://example.com")],
                ),
            ],
        ),
    )
    task = TaskItem(**BASE, task=CustomTask(title="Booked", content="seat 12"))

    assert visible_text(workflow).split("\n") == [
        "Planned the trip",
        "Thinking",
        "compare trains",
        "train times",
        "Timetable",
    ]
    assert visible_text(task) == "Booked\nseat 12"


def test_structured_input_shows_questions_options_and_answers() -> None:
    item = StructuredInputItem(
        **BASE,
        inputs=[
            StructuredInputMultipleChoice(
                id="q1",
                question="Which day?",
                options=[StructuredInputMultipleChoiceOption(value="Monday")],
                answer=StructuredInputAnswer(values=["Monday"]),
            ),
            StructuredInputFreeform(id="q2", question="Anything else?", description="Free text"),
        ],
    )

    assert visible_text(item).split("\n") == [
        "Which day?",
        "Monday",
        "Monday",
        "Anything else?",
        "Free text",
    ]


def test_highlight_characters_are_taken_out_of_the_text() -> None:
    item = AssistantMessageItem(
        **BASE, content=[AssistantMessageContent(text=f"a{HIGHLIGHT_START}b{HIGHLIGHT_END}c")]
    )

    assert visible_text(item) == "a b c"
