"""A Wagtail chooser for discussion questions, and its StreamField block."""

from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import DiscussionQuestion


class DiscussionQuestionChooserViewSet(ChooserViewSet):
    model = DiscussionQuestion
    icon = "help"
    choose_one_text = "Choose a question to consider"
    choose_another_text = "Choose another question"
    edit_item_text = "Edit the piece"

    def get_object_list(self):
        questions = DiscussionQuestion.objects.select_related("page")
        return questions.order_by("page__title", "sort_order")


question_chooser_viewset = DiscussionQuestionChooserViewSet("question_chooser")
QuestionChooserBlock = question_chooser_viewset.get_block_class(
    name="QuestionChooserBlock", module_path="thoughtpieces.choosers"
)
