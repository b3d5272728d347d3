"""kookboek: affordable recipes and project publications as a website, booklets and a form."""

from kookboek.content.errors import ContentError, ContentErrors
from kookboek.content.project import Project, load_project
from kookboek.pricing.cost import RecipeCost, cost_recipe

__all__ = ["ContentError", "ContentErrors", "Project", "RecipeCost", "cost_recipe", "load_project"]
__version__ = "0.1.0"
