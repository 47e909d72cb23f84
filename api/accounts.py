"""Members over HTTP: the member who is asking."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    trust_level = serializers.IntegerField()
    language = serializers.CharField()
    roles = serializers.SerializerMethodField()
    date_joined = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")

    def get_roles(self, member) -> list[str]:
        return sorted(member.role_names)


class Me(APIView):
    """The signed-in member, with the roles they hold; 401 for a visitor."""

    permission_classes = [*APIView.permission_classes, IsAuthenticated]

    @extend_schema(responses=MemberSerializer)
    def get(self, request):
        return Response(MemberSerializer(request.user).data)
