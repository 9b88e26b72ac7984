app_name = "classes"

urlpatterns = []
