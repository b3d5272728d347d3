"""kookboek: affordable recipes and project publications as a website, booklets and a form."""

from kookboek.errors import ContentError, ContentErrors
from kookboek.pricing import RecipeCost, cost_recipe
from kookboek.project import Project, load_project

__all__ = ["ContentError", "ContentErrors", "Project", "RecipeCost", "cost_recipe", "load_project"]
__version__ = "0.1.0"
